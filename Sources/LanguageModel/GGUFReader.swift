/// A bounds-checked cursor over the bytes of a GGUF file (format: see `GGUFFile`).
struct GGUFReader {
    let base: UnsafeRawPointer
    let size: Int
    var position = 0

    struct Parsed {
        var version: UInt32
        var metadata: [String: GGUFValue]
        var tensors: [GGUFFile.TensorInfo]
        var alignment: Int
        var dataOffset: Int
    }

    /// Upper bounds that no real model reaches: they reject a corrupt count before it
    /// allocates gigabytes.
    static let maxDimensions = 4
    static let maxStringBytes = 1 << 24

    mutating func parseAll(path: String) throws -> Parsed {
        guard size >= 4, base.loadUnaligned(as: UInt32.self) == 0x4655_4747 else {
            throw LanguageModelError.notGGUF(path: path)
        }
        position = 4
        let version: UInt32 = try load("the header")
        guard version == 2 || version == 3 else { throw LanguageModelError.unsupportedVersion(version) }
        let tensorCount = try count(load("the header") as UInt64, "tensor count", each: 24)
        let metadataCount = try count(load("the header") as UInt64, "metadata count", each: 12)
        var metadata: [String: GGUFValue] = [:]
        for _ in 0..<metadataCount {
            let key = try string("a metadata key")
            let type: UInt32 = try load("metadata '\(key)'")
            metadata[key] = try value(type: type, what: "metadata '\(key)'")
        }
        var tensors: [GGUFFile.TensorInfo] = []
        tensors.reserveCapacity(tensorCount)
        for _ in 0..<tensorCount {
            let name = try string("the tensor table")
            let dims: UInt32 = try load("tensor '\(name)' info")
            guard dims >= 1, dims <= Self.maxDimensions else {
                throw LanguageModelError.corrupt("tensor '\(name)' has \(dims) dimensions")
            }
            var shape: [Int] = []
            var elements = 1
            for _ in 0..<dims {
                let n: UInt64 = try load("tensor '\(name)' info")
                guard n >= 1, n < 1 << 32 else { throw LanguageModelError.corrupt("tensor '\(name)' has dimension \(n)") }
                shape.append(Int(n))
                // Four dimensions under 2^32 can multiply past Int.max: reject before anyone sizes the tensor.
                let (product, overflow) = elements.multipliedReportingOverflow(by: Int(n))
                guard !overflow else { throw LanguageModelError.corrupt("tensor '\(name)' has shape \(shape), more elements than any file holds") }
                elements = product
            }
            let type: UInt32 = try load("tensor '\(name)' info")
            let offset: UInt64 = try load("tensor '\(name)' info")
            guard offset < UInt64(size) else { throw LanguageModelError.truncated(what: "the data of tensor '\(name)'") }
            tensors.append(.init(name: name, shape: shape, typeCode: type, offset: Int(offset)))
        }
        let alignment = metadata["general.alignment"]?.int ?? 32
        guard alignment > 0, alignment & (alignment - 1) == 0 else {
            throw LanguageModelError.corrupt("general.alignment \(alignment) is not a power of two")
        }
        let dataOffset = (position + alignment - 1) / alignment * alignment
        guard dataOffset <= size || tensorCount == 0 else { throw LanguageModelError.truncated(what: "the tensor data") }
        return Parsed(version: version, metadata: metadata, tensors: tensors, alignment: alignment, dataOffset: dataOffset)
    }

    private mutating func load<T: FixedWidthInteger>(_ what: @autoclosure () -> String) throws -> T {
        guard position + MemoryLayout<T>.size <= size else { throw LanguageModelError.truncated(what: what()) }
        let v = T(littleEndian: base.loadUnaligned(fromByteOffset: position, as: T.self))
        position += MemoryLayout<T>.size
        return v
    }

    /// Validates a count read from the file: each element needs at least `each` bytes. A count
    /// larger than the whole file is corrupt; one larger than the rest of it means truncation.
    private func count(_ n: UInt64, _ what: String, each: Int) throws -> Int {
        guard n <= UInt64(size) else {
            throw LanguageModelError.corrupt("\(what) \(n) cannot fit in a \(size)-byte file")
        }
        guard n <= UInt64(size - position) / UInt64(each) + 1 else {
            throw LanguageModelError.truncated(what: "the data announced by \(what) \(n)")
        }
        return Int(n)
    }

    private mutating func string(_ what: @autoclosure () -> String) throws -> String {
        let length: UInt64 = try load(what())
        guard length <= UInt64(Self.maxStringBytes) else { throw LanguageModelError.corrupt("a string of \(length) bytes in \(what())") }
        let n = Int(length)
        guard position + n <= size else { throw LanguageModelError.truncated(what: what()) }
        let s = String(decoding: UnsafeRawBufferPointer(start: base + position, count: n), as: UTF8.self)
        position += n
        return s
    }

    private mutating func value(type: UInt32, what: @autoclosure () -> String) throws -> GGUFValue {
        switch type {
        case 0: return .uint8(try load(what()))
        case 1: return .int8(try load(what()))
        case 2: return .uint16(try load(what()))
        case 3: return .int16(try load(what()))
        case 4: return .uint32(try load(what()))
        case 5: return .int32(try load(what()))
        case 6: return .float32(Float(bitPattern: try load(what())))
        case 7: return .bool((try load(what()) as UInt8) != 0)
        case 8: return .string(try string(what()))
        case 9:
            let elementType: UInt32 = try load(what())
            // As in llama.cpp: no arrays of arrays (nesting them would recurse once per 12 bytes of file).
            guard elementType != 9 else { throw LanguageModelError.corrupt("an array of arrays in \(what()); GGUF arrays hold scalars or strings") }
            let n = try count(try load(what()) as UInt64, "array length in \(what())", each: 1)
            var values: [GGUFValue] = []
            values.reserveCapacity(n)
            for _ in 0..<n { values.append(try value(type: elementType, what: what())) }
            return .array(values)
        case 10: return .uint64(try load(what()))
        case 11: return .int64(try load(what()))
        case 12: return .float64(Double(bitPattern: try load(what())))
        default: throw LanguageModelError.corrupt("unknown metadata type \(type) in \(what())")
        }
    }
}
