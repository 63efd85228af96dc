import Foundation

/// Writes small GGUF v3 files for tests (format: see `GGUFFile`).
struct GGUFBuilder {
    enum Value {
        case u32(UInt32), f32(Float), string(String), strings([String]), ints([Int32])
    }
    struct Tensor {
        var name: String
        var shape: [UInt64]
        var type: UInt32
        var bytes: [UInt8]
    }

    var metadata: [(String, Value)] = []
    var tensors: [Tensor] = []
    var alignment = 32

    func build() -> [UInt8] {
        var out: [UInt8] = Array("GGUF".utf8)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func string(_ s: String) { u64(UInt64(s.utf8.count)); out.append(contentsOf: s.utf8) }
        u32(3)
        u64(UInt64(tensors.count))
        u64(UInt64(metadata.count))
        for (key, value) in metadata {
            string(key)
            switch value {
            case let .u32(v): u32(4); u32(v)
            case let .f32(v): u32(6); u32(v.bitPattern)
            case let .string(s): u32(8); string(s)
            case let .strings(a): u32(9); u32(8); u64(UInt64(a.count)); a.forEach(string)
            case let .ints(a): u32(9); u32(5); u64(UInt64(a.count)); a.forEach { u32(UInt32(bitPattern: $0)) }
            }
        }
        var offset: UInt64 = 0
        var offsets: [UInt64] = []
        for t in tensors {
            offsets.append(offset)
            offset += UInt64((t.bytes.count + alignment - 1) / alignment * alignment)
        }
        for (t, o) in zip(tensors, offsets) {
            string(t.name)
            u32(UInt32(t.shape.count))
            t.shape.forEach(u64)
            u32(t.type)
            u64(o)
        }
        while out.count % alignment != 0 { out.append(0) }
        for t in tensors {
            out.append(contentsOf: t.bytes)
            while out.count % alignment != 0 { out.append(0) }
        }
        return out
    }

    func write() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("spotter-test-\(UUID().uuidString).gguf").path
        try Data(build()).write(to: URL(fileURLWithPath: path))
        return path
    }
}
