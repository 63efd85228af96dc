import Foundation
import Testing
@testable import LanguageModel

/// Files that are well-formed up to a hostile number: what the parser fuzzer (`make fuzz`,
/// harness `gguf`) looks for. Each used to trap or overflow the stack; now each is an error.
@Suite struct GGUFHostileInputTests {
    private func open(_ bytes: [UInt8]) throws -> GGUFFile {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spotter-hostile-\(UUID()).gguf").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try GGUFFile(path: path)
    }

    @Test func open_shapeWhoseElementCountOverflows_failsWithCorrupt() throws {
        var builder = GGUFBuilder()
        builder.tensors = [.init(name: "blk.0.attn_q.weight", shape: Array(repeating: UInt64(1 << 32 - 1), count: 4), type: 0, bytes: [])]
        #expect {
            try open(builder.build())
        } throws: { error in
            guard case .corrupt(let message) = error as? LanguageModelError else { return false }
            return message.contains("blk.0.attn_q.weight")
        }
    }

    @Test func open_shapeWhoseByteCountOverflows_failsWithTruncated() throws {
        // 2^62 F32 weights: the element count fits in an Int, its 2^64 bytes do not.
        var builder = GGUFBuilder()
        builder.tensors = [.init(name: "token_embd.weight", shape: [1 << 31, 1 << 31, 1], type: 0, bytes: Array(repeating: 0, count: 32))]
        #expect(throws: LanguageModelError.truncated(what: "the data of tensor 'token_embd.weight'")) {
            try open(builder.build())
        }
    }

    @Test func open_deeplyNestedArrays_failsWithCorruptInsteadOfOverflowingTheStack() throws {
        // general.x = [[[[ ... ]]]], 200,000 levels (2.4 MB): every level is 12 bytes of file.
        var bytes: [UInt8] = Array("GGUF".utf8)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        u32(3); u64(0); u64(1)
        u64(9); bytes.append(contentsOf: "general.x".utf8)
        u32(9)
        for _ in 0..<200_000 { u32(9); u64(1) }
        u32(4); u64(1); u32(7)
        #expect {
            try open(bytes)
        } throws: { error in
            guard case .corrupt(let message) = error as? LanguageModelError else { return false }
            return message.contains("array of arrays")
        }
    }
}
