import Foundation
import Testing
@testable import TextEmbedding

@Suite struct ModelLoadingTests {
    /// A safetensors file: u64 LE header length, JSON header, data.
    static func safetensors(header: String, data: [UInt8]) -> Data {
        let json = Array(header.utf8)
        var bytes = withUnsafeBytes(of: UInt64(json.count).littleEndian, Array.init)
        bytes += json + data
        return Data(bytes)
    }

    /// A model directory with the real vocabulary and the given `model.safetensors` bytes.
    static func modelDirectory(weights: Data?) throws -> URL {
        let directory = try Fixtures.temporaryDirectory()
        try FileManager.default.copyItem(at: Fixtures.modelDirectory.appendingPathComponent("vocab.txt"),
                                         to: directory.appendingPathComponent("vocab.txt"))
        if let weights { try weights.write(to: directory.appendingPathComponent("model.safetensors")) }
        return directory
    }

    static func loadError(_ directory: URL) -> TextEmbeddingError? {
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try SentenceEncoder(modelDirectory: directory.path)
            return nil
        } catch {
            return error as? TextEmbeddingError
        }
    }

    @Test func init_missingDirectory_throwsMissingFileNamingVocabulary() throws {
        let error = Self.loadError(URL(fileURLWithPath: "/nonexistent/spotter/all-MiniLM-L6-v2"))
        #expect(error == .missingFile)
        #expect(error?.description.contains("vocab.txt") == true)
        #expect(error?.description.contains("scripts/setup.sh") == true)
    }

    @Test func init_missingWeights_throwsMissingFileNamingSafetensors() throws {
        let error = Self.loadError(try Self.modelDirectory(weights: nil))
        #expect(error == .missingFile)
        #expect(error?.description.contains("model.safetensors") == true)
    }

    @Test func init_truncatedWeights_throwsMalformedModelNamingTensor() throws {
        let real = try Data(contentsOf: Fixtures.modelDirectory.appendingPathComponent("model.safetensors"),
                            options: .alwaysMapped)
        let error = Self.loadError(try Self.modelDirectory(weights: real.prefix(1_000_000)))
        #expect(error == .malformedModel)
        #expect(error?.description.contains("tensor \"") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("truncated") == true)
    }

    @Test func init_headerLengthBeyondFile_throwsMalformedModel() throws {
        var bytes = withUnsafeBytes(of: UInt64(1 << 40).littleEndian, Array.init)
        bytes += Array("{}".utf8)
        let error = Self.loadError(try Self.modelDirectory(weights: Data(bytes)))
        #expect(error == .malformedModel)
        #expect(error?.description.contains("header length") == true)
    }

    @Test func init_headerNotJSON_throwsMalformedModel() throws {
        let error = Self.loadError(try Self.modelDirectory(weights: Self.safetensors(header: "not json at all", data: [])))
        #expect(error == .malformedModel)
        #expect(error?.description.contains("not valid JSON") == true)
    }

    @Test func init_tooShortFile_throwsMalformedModel() throws {
        let error = Self.loadError(try Self.modelDirectory(weights: Data([1, 2, 3])))
        #expect(error == .malformedModel)
    }

    @Test func init_missingTensor_throwsMalformedModelNamingIt() throws {
        let header = #"{"__metadata__":{"format":"pt"},"embeddings.LayerNorm.bias":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        let error = Self.loadError(try Self.modelDirectory(weights: Self.safetensors(header: header, data: [0, 0, 0, 0])))
        #expect(error == .malformedModel)
        #expect(error?.description.contains("embeddings.word_embeddings.weight") == true)
    }

    @Test func init_wrongDtype_throwsMalformedModelNamingTensor() throws {
        // A valid file whose word embeddings are F16: the encoder needs F32.
        let header = #"{"embeddings.word_embeddings.weight":{"dtype":"F16","shape":[2,12],"data_offsets":[0,48]},"#
            + #""embeddings.position_embeddings.weight":{"dtype":"F32","shape":[2,12],"data_offsets":[48,144]},"#
            + #""encoder.layer.0.intermediate.dense.weight":{"dtype":"F32","shape":[1,12],"data_offsets":[144,192]}}"#
        let error = Self.loadError(try Self.modelDirectory(weights: Self.safetensors(header: header, data: Array(repeating: 0, count: 192))))
        #expect(error == .malformedModel)
        #expect(error?.description.contains("\"embeddings.word_embeddings.weight\" is F16") == true, "\(error?.description ?? "")")
    }

    @Test func init_shapeDisagreesWithByteRange_throwsMalformedModel() throws {
        let header = #"{"embeddings.word_embeddings.weight":{"dtype":"F32","shape":[3,2],"data_offsets":[0,8]}}"#
        let error = Self.loadError(try Self.modelDirectory(weights: Self.safetensors(header: header, data: Array(repeating: 0, count: 8))))
        #expect(error == .malformedModel)
        #expect(error?.description.contains("24 bytes") == true)
    }

    @Test func safetensors_readsFloatsAtTheirOffsets() throws {
        let values: [Float] = [1.5, -2, 0.25, 1e-12]
        let data = values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) }
        let header = #"{"__metadata__":{"k":"v"},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]},"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}}"#
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("t.safetensors").path
        try Self.safetensors(header: header, data: data).write(to: URL(fileURLWithPath: path))
        let file = try SafeTensorsFile(path: path)
        #expect(try file.floats("a", shape: [3]) == [1.5, -2, 0.25])
        #expect(try file.floats("b", shape: [1]) == [1e-12])
        #expect(throws: TextEmbeddingError.malformedModel) { try file.floats("a", shape: [1, 3]) }
        #expect(throws: TextEmbeddingError.malformedModel) { try file.floats("c", shape: [1]) }
    }

    @Test func init_vocabularyWithoutSpecialTokens_throwsMalformedVocabulary() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("vocab.txt").path
        try "hello\nworld\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: TextEmbeddingError.malformedVocabulary) {
            try WordPieceTokenizer(vocabularyPath: path)
        }
    }
}
