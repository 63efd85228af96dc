import Foundation
import Testing
@testable import TextEmbedding

/// Headers that are valid JSON with hostile numbers: what the parser fuzzer (`make fuzz`,
/// harness `safetensors`) looks for. Each used to trap on overflow; now each is an error.
@Suite struct SafeTensorsHostileInputTests {
    private func open(header: String) throws -> SafeTensorsFile {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spotter-hostile-\(UUID()).safetensors")
        try ModelLoadingTests.safetensors(header: header, data: []).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try SafeTensorsFile(path: url.path)
    }

    private func isMalformed(_ error: any Error, naming tensor: String) -> Bool {
        guard case .malformedModel = error as? TextEmbeddingError else { return false }
        return "\(error)".contains(tensor) && "\(error)".contains("more bytes than any file holds")
    }

    @Test func open_shapeWhoseElementCountOverflows_failsNamingTheTensor() throws {
        #expect {
            try open(header: #"{"pooler.dense.weight": {"dtype": "F32", "shape": [1099511627776, 1099511627776], "data_offsets": [0, 0]}}"#)
        } throws: { isMalformed($0, naming: "pooler.dense.weight") }
    }

    @Test func open_shapeWhoseByteCountOverflows_failsNamingTheTensor() throws {
        // 2^62 F32 elements: the count fits in an Int, its bytes do not.
        #expect {
            try open(header: #"{"pooler.dense.bias": {"dtype": "F32", "shape": [4611686018427387904], "data_offsets": [0, 0]}}"#)
        } throws: { isMalformed($0, naming: "pooler.dense.bias") }
    }

    @Test func open_emptyTensorWithHugeOtherDimensions_isAccepted() throws {
        let file = try open(header: #"{"empty": {"dtype": "F32", "shape": [1099511627776, 1099511627776, 0], "data_offsets": [0, 0]}}"#)
        #expect(file.shape(of: "empty") == [1_099_511_627_776, 1_099_511_627_776, 0])
    }
}
