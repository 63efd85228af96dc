#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SpotterNumerics

/// A memory-mapped GGUF model file: metadata, tensor table and tensor data.
///
/// ## Format (GGUF v2/v3, little-endian, as in llama.cpp `gguf.h`)
/// ```
/// header:   magic  "GGUF" (4 bytes)
///           version         u32   (2 or 3)
///           tensor_count    u64
///           metadata_count  u64
/// metadata: metadata_count × { key: string, type: u32, value }
/// tensors:  tensor_count × { name: string, n_dims: u32, ne: n_dims × u64,
///                            type: u32 (ggml type), offset: u64 }
/// padding:  to `general.alignment` (default 32)
/// data:     tensor bytes; each tensor at data_start + offset (a multiple of the alignment)
///
/// string = { length: u64, bytes: UTF-8, no terminator }
/// value types: 0 u8, 1 i8, 2 u16, 3 i16, 4 u32, 5 i32, 6 f32, 7 bool (1 byte), 8 string,
///              9 array = { element type: u32 (not 9: no nested arrays), count: u64, count × value },
///              10 u64, 11 i64, 12 f64
/// ```
/// `ne` lists dimensions fastest-first: a weight matrix is `[in, out]`, so row `r` (output
/// feature `r`) is `in` consecutive weights, stored in blocks (see `BlockFormat`).
///
/// Every length, count, shape and offset is checked against the file size (without overflow),
/// so a truncated or corrupt file fails with a `LanguageModelError` instead of reading out of bounds. The
/// mapping lives as long as this object; tensors are views into it (nothing is copied).
public final class GGUFFile: @unchecked Sendable {
    /// One entry of the tensor table.
    public struct TensorInfo: Sendable, Equatable {
        public let name: String
        /// Dimensions, fastest-varying first (ggml `ne`).
        public let shape: [Int]
        /// The ggml type code.
        public let typeCode: UInt32
        /// Offset from the start of the data section.
        public let offset: Int
        public var elementCount: Int { shape.reduce(1, *) }
    }

    public let path: String
    public let version: UInt32
    /// Metadata in file order of keys.
    public let metadata: [String: GGUFValue]
    public let tensors: [String: TensorInfo]
    /// Tensor names in file order.
    public let tensorNames: [String]
    /// Alignment of the data section and of every tensor.
    public let alignment: Int
    /// File offset of the data section.
    public let dataOffset: Int
    public let fileSize: Int
    private let mapping: UnsafeRawPointer

    /// Maps and parses the file at `path`.
    /// - Throws: `LanguageModelError` (`cannotOpen`, `notGGUF`, `unsupportedVersion`,
    ///   `truncated`, `corrupt`).
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw LanguageModelError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw LanguageModelError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        let size = Int(st.st_size)
        guard size >= 4 else { throw LanguageModelError.truncated(what: "the header") }
        guard let raw = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), raw != MAP_FAILED else {
            throw LanguageModelError.cannotOpen(path: path, reason: "mmap failed: \(String(cString: strerror(errno)))")
        }
        let base = UnsafeRawPointer(raw)
        do {
            var reader = GGUFReader(base: base, size: size)
            let parsed = try reader.parseAll(path: path)
            self.version = parsed.version
            self.metadata = parsed.metadata
            self.tensorNames = parsed.tensors.map(\.name)
            self.tensors = Dictionary(parsed.tensors.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            self.alignment = parsed.alignment
            self.dataOffset = parsed.dataOffset
        } catch {
            munmap(raw, size)
            throw error
        }
        self.fileSize = size
        self.mapping = base
        try validateTensorBounds()
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: mapping), fileSize)
    }

    /// The bytes of tensor `name` (bounds were checked at load).
    public func data(of info: TensorInfo) -> UnsafeRawPointer {
        mapping + dataOffset + info.offset
    }

    /// The storage format of a ggml type code, or `nil` if this engine cannot decode it.
    public static func blockFormat(typeCode: UInt32) -> BlockFormat? {
        switch typeCode {
        case 0: .f32
        case 1: .f16
        case 2: .q4_0
        case 3: .q4_1
        case 8: .q8_0
        default: nil
        }
    }

    /// The ggml name of a type code (for messages).
    public static func typeName(_ code: UInt32) -> String {
        let names: [UInt32: String] = [0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 6: "Q5_0", 7: "Q5_1", 8: "Q8_0",
                                       9: "Q8_1", 10: "Q2_K", 11: "Q3_K", 12: "Q4_K", 13: "Q5_K", 14: "Q6_K",
                                       15: "Q8_K", 16: "IQ2_XXS", 17: "IQ2_XS", 18: "IQ3_XXS", 19: "IQ1_S",
                                       20: "IQ4_NL", 21: "IQ3_S", 22: "IQ2_S", 23: "IQ4_XS", 24: "I8", 25: "I16",
                                       26: "I32", 27: "I64", 28: "F64", 29: "IQ1_M", 30: "BF16"]
        return names[code] ?? "type \(code)"
    }

    /// A matrix view of tensor `name`; checks its type and, if given, its shape (`[in, out]`).
    public func matrix(_ name: String, shape expected: [Int]? = nil) throws -> QuantizedMatrix {
        guard let info = tensors[name] else { throw LanguageModelError.missingTensor(name) }
        if let expected, info.shape != expected {
            throw LanguageModelError.tensorShape(tensor: name, expected: expected, found: info.shape)
        }
        guard let format = Self.blockFormat(typeCode: info.typeCode) else {
            throw LanguageModelError.unsupportedTensorType(tensor: name, type: Self.typeName(info.typeCode))
        }
        let columns = info.shape.first ?? 1
        guard columns % format.blockSize == 0 else {
            throw LanguageModelError.corrupt("tensor '\(name)' has \(columns) columns, not a multiple of the \(format) block size")
        }
        return QuantizedMatrix(format: format, rows: info.elementCount / max(columns, 1), columns: columns, base: data(of: info))
    }

    /// A float vector tensor (norm weights), decoded to `[Float]`.
    public func floats(_ name: String, count: Int) throws -> [Float] {
        let m = try matrix(name)
        guard m.rows * m.columns == count else {
            throw LanguageModelError.tensorShape(tensor: name, expected: [count], found: tensors[name]!.shape)
        }
        return (0..<m.rows).flatMap { m.dequantizedRow($0) }
    }

    private func validateTensorBounds() throws {
        for name in tensorNames {
            let info = tensors[name]!
            guard info.offset % alignment == 0 else {
                throw LanguageModelError.corrupt("tensor '\(name)' offset \(info.offset) is not aligned to \(alignment)")
            }
            // Unknown types cannot be sized: they fail when used (naming the tensor).
            guard let format = Self.blockFormat(typeCode: info.typeCode) else { continue }
            let columns = info.shape.first ?? 1
            guard columns % format.blockSize == 0 else {
                throw LanguageModelError.corrupt("tensor '\(name)' has \(columns) columns, not a multiple of the \(format) block size")
            }
            // Compare block counts, not bytes: blocks × block bytes may overflow for a corrupt shape.
            let available = fileSize - dataOffset - info.offset
            guard available >= 0, info.elementCount / format.blockSize <= available / format.blockBytes else {
                throw LanguageModelError.truncated(what: "the data of tensor '\(name)'")
            }
        }
    }
}

// MARK: - Metadata accessors

extension GGUFFile {
    public func int(_ key: String) throws -> Int {
        guard let v = metadata[key]?.int else { throw LanguageModelError.missingMetadata(key) }
        return v
    }

    public func double(_ key: String) throws -> Double {
        guard let v = metadata[key]?.double else { throw LanguageModelError.missingMetadata(key) }
        return v
    }

    public func string(_ key: String) throws -> String {
        guard let v = metadata[key]?.string else { throw LanguageModelError.missingMetadata(key) }
        return v
    }

    public func strings(_ key: String) throws -> [String] {
        guard let a = metadata[key]?.array else { throw LanguageModelError.missingMetadata(key) }
        return try a.map { v in
            guard let s = v.string else { throw LanguageModelError.missingMetadata(key) }
            return s
        }
    }

    public func ints(_ key: String) throws -> [Int] {
        guard let a = metadata[key]?.array else { throw LanguageModelError.missingMetadata(key) }
        return try a.map { v in
            guard let i = v.int else { throw LanguageModelError.missingMetadata(key) }
            return i
        }
    }
}
