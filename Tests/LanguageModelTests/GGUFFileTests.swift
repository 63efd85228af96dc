import Foundation
import SpotterNumerics
import Testing
@testable import LanguageModel

@Suite struct GGUFFileTests {
    @Test func open_smolLM2_readsMetadataAndTensorTable() throws {
        let file = try RepositoryFiles.loadFile()
        #expect(file.version == 3)
        #expect(try file.string("general.architecture") == "llama")
        #expect(try file.string("tokenizer.ggml.pre") == "smollm")
        #expect(file.tensors["token_embd.weight"]?.shape == [576, 49152])
        #expect(file.tensors["output.weight"] == nil)   // tied embeddings
        let types = file.tensorNames.map { file.tensors[$0]!.typeCode }
        #expect(types.filter { $0 == 3 }.count == 210)   // Q4_1
        #expect(types.filter { $0 == 0 }.count == 61)    // F32 norms
        #expect(types.filter { $0 == 8 }.count == 1)     // Q8_0 embedding
        let config = try LlamaConfiguration(file: file)
        #expect(config.layers == 30 && config.heads == 9 && config.kvHeads == 3 && config.ropeBase == 100_000)
    }

    @Test func dequantize_referenceBlocks_areExact() throws {
        let file = try RepositoryFiles.loadFile()
        for c in ReferenceVectors.shared.dequant {
            let info = try #require(file.tensors[c.tensor])
            #expect(file.dataOffset + info.offset == c.tensor_data_file_offset, "offset of \(c.tensor)")
            let m = try file.matrix(c.tensor)
            #expect(m.format.description == c.type)
            let rowStart = file.data(of: info) + c.row * m.rowBytes
            #expect(file.dataOffset + info.offset + c.row * m.rowBytes == c.row_file_offset)
            let hex = (0..<m.format.blockBytes).map { String(format: "%02x", rowStart.load(fromByteOffset: $0, as: UInt8.self)) }.joined()
            #expect(hex == c.first_block_hex, "raw block of \(c.tensor)")
            let row = m.dequantizedRow(c.row)
            #expect(Array(row[0..<32]) == c.first_block_values, "decoded block of \(c.tensor) (exact)")
            let sum = row.reduce(0.0) { $0 + Double($1) }
            #expect(abs(sum - c.row_sum) < 1e-3, "row sum of \(c.tensor)")
        }
    }

    @Test func open_fileWithoutMagic_failsWithNotGGUF() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spotter-notgguf-\(UUID()).bin").path
        try Data("PK\u{3}\u{4} this is a zip".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: LanguageModelError.notGGUF(path: path)) { try GGUFFile(path: path) }
    }

    @Test func open_missingFile_failsWithCannotOpen() {
        #expect {
            try GGUFFile(path: "/nonexistent/model.gguf")
        } throws: { error in
            guard case .cannotOpen = error as? LanguageModelError else { return false }
            return "\(error)".contains("/nonexistent/model.gguf")
        }
    }

    @Test(arguments: [10, 300, 1_000_000, 98_000_000])
    func open_truncatedModel_failsWithTruncated(length: Int) throws {
        let source = try FileHandle(forReadingFrom: URL(fileURLWithPath: RepositoryFiles.modelPath))
        let bytes = try source.read(upToCount: length) ?? Data()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spotter-trunc-\(UUID()).gguf").path
        try bytes.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            try GGUFFile(path: path)
        } throws: { error in
            guard case .truncated = error as? LanguageModelError else { return false }
            return "\(error)".contains("truncated")
        }
    }

    @Test func open_corruptMetadataType_failsWithCorrupt() throws {
        var builder = GGUFBuilder()
        builder.metadata = [("general.architecture", .string("llama"))]
        var bytes = builder.build()
        // The value type follows magic (4), version (4), counts (16), key length (8) and key (20).
        bytes[52] = 99
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spotter-corrupt-\(UUID()).gguf").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: LanguageModelError.corrupt("unknown metadata type 99 in metadata 'general.architecture'")) {
            try GGUFFile(path: path)
        }
    }

    @Test func matrix_unsupportedTensorType_namesTheTensor() throws {
        var builder = GGUFBuilder()
        builder.tensors = [.init(name: "blk.0.ffn_up.weight", shape: [256, 2], type: 12, bytes: Array(repeating: 0, count: 288))]
        let path = try builder.write()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try GGUFFile(path: path)
        #expect(throws: LanguageModelError.unsupportedTensorType(tensor: "blk.0.ffn_up.weight", type: "Q4_K")) {
            try file.matrix("blk.0.ffn_up.weight")
        }
    }

    @Test func load_unsupportedArchitecture_failsNamingIt() throws {
        var builder = GGUFBuilder()
        builder.metadata = [("general.architecture", .string("mamba"))]
        let path = try builder.write()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: LanguageModelError.unsupportedArchitecture("mamba")) { try LlamaModel(path: path) }
    }

    @Test func open_smallBuiltFile_readsEveryValueKindAndTensor() throws {
        var builder = GGUFBuilder()
        builder.metadata = [("a.u32", .u32(7)), ("a.f32", .f32(1.5)), ("a.s", .string("héllo")),
                            ("a.strings", .strings(["x", "yz"])), ("a.ints", .ints([-1, 2]))]
        let weights: [Float] = (0..<64).map { Float($0) - 10 }
        builder.tensors = [.init(name: "w", shape: [32, 2], type: 0, bytes: weights.withUnsafeBytes { Array($0) })]
        let path = try builder.write()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try GGUFFile(path: path)
        #expect(try file.int("a.u32") == 7)
        #expect(try file.double("a.f32") == 1.5)
        #expect(try file.string("a.s") == "héllo")
        #expect(try file.strings("a.strings") == ["x", "yz"])
        #expect(try file.ints("a.ints") == [-1, 2])
        let m = try file.matrix("w", shape: [32, 2])
        #expect(m.dequantizedRow(1) == Array(weights[32..<64]))
    }
}
