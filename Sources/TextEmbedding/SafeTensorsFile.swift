import Foundation

/// A read-only view of a safetensors file, memory-mapped.
///
/// ## Format (https://github.com/huggingface/safetensors)
/// ```
/// offset 0      u64 little-endian  N, the byte length of the header
/// offset 8      N bytes            UTF-8 JSON object, optionally padded with spaces:
///                                  { "__metadata__": { "key": "string", ... },       (optional)
///                                    "<tensor name>": { "dtype": "F32",
///                                                       "shape": [d0, d1, ...],
///                                                       "data_offsets": [begin, end] }, ... }
/// offset 8+N    the data buffer    tensors as raw little-endian, row-major (C order) bytes;
///                                  [begin, end) are byte offsets relative to the start of
///                                  the data buffer, and end − begin = product(shape) · sizeof(dtype)
/// ```
/// dtypes include F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL. The encoder reads only F32
/// tensors; asking for another dtype is reported as an error naming the file and the tensor.
struct SafeTensorsFile {
    /// One tensor's entry in the header.
    struct Entry {
        let dtype: String
        let shape: [Int]
        let range: Range<Int>  // byte range within the data buffer
    }

    let path: String
    let entries: [String: Entry]
    private let bytes: Data
    private let dataStart: Int

    /// Maps the file and validates its header: every entry has a known dtype, a shape whose
    /// size matches its byte range, and a range inside the file.
    init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw TextEmbeddingError.missingFile(path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw TextEmbeddingError.unreadableFile(path, error.localizedDescription)
        }
        guard data.count >= 8 else {
            throw TextEmbeddingError.malformedModel(path, "the file has \(data.count) bytes, fewer than the 8-byte header length")
        }
        let headerLength = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerLength >= 2, headerLength <= UInt64(data.count - 8) else {
            throw TextEmbeddingError.malformedModel(path, "the header length \(headerLength) does not fit in the file's \(data.count) bytes")
        }
        let headerEnd = 8 + Int(headerLength)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<headerEnd))
        } catch {
            throw TextEmbeddingError.malformedModel(path, "the header is not valid JSON")
        }
        guard let header = json as? [String: Any] else {
            throw TextEmbeddingError.malformedModel(path, "the header is not a JSON object")
        }
        let dataLength = data.count - headerEnd
        var entries: [String: Entry] = [:]
        for (name, value) in header where name != "__metadata__" {
            guard let info = value as? [String: Any],
                  let dtype = info["dtype"] as? String,
                  let shape = (info["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  let offsets = (info["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  offsets.count == 2, shape.allSatisfy({ $0 >= 0 })
            else {
                throw TextEmbeddingError.malformedModel(path, tensor: name, "has no valid dtype, shape and data_offsets in the header")
            }
            guard let width = Self.elementSize[dtype] else {
                throw TextEmbeddingError.malformedModel(path, tensor: name, "has unknown dtype \(dtype)")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= dataLength else {
                throw TextEmbeddingError.malformedModel(path, tensor: name, "has data_offsets [\(begin), \(end)] outside the \(dataLength)-byte data buffer (is the file truncated?)")
            }
            // The shape is untrusted: multiply without trapping; a product past the data is corrupt.
            let (count, countOverflow) = shape.contains(0) ? (0, false) : shape.reduce((1, false)) { acc, d in
                let (p, o) = acc.0.multipliedReportingOverflow(by: d)
                return (p, acc.1 || o)
            }
            let (bytes, bytesOverflow) = count.multipliedReportingOverflow(by: width)
            guard !countOverflow, !bytesOverflow, bytes == end - begin else {
                let size = countOverflow || bytesOverflow ? "more bytes than any file holds" : "\(bytes) bytes"
                throw TextEmbeddingError.malformedModel(path, tensor: name, "has shape \(shape) of \(dtype) (\(size)) but \(end - begin) bytes of data")
            }
            entries[name] = Entry(dtype: dtype, shape: shape, range: begin..<end)
        }
        self.entries = entries
        self.bytes = data
        self.dataStart = headerEnd
    }

    private static let elementSize: [String: Int] = [
        "F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1,
    ]

    /// The shape of a tensor, or nil when the file has no tensor of that name.
    func shape(of name: String) -> [Int]? { entries[name]?.shape }

    /// Copies an F32 tensor out of the file, checking its shape.
    /// - Parameter shape: the expected shape; the error names the tensor when it differs.
    func floats(_ name: String, shape expected: [Int]) throws -> [Float] {
        guard let entry = entries[name] else {
            throw TextEmbeddingError.malformedModel(path, tensor: name, "is missing")
        }
        guard entry.dtype == "F32" else {
            throw TextEmbeddingError.malformedModel(path, tensor: name, "is \(entry.dtype); the encoder needs F32 weights")
        }
        guard entry.shape == expected else {
            throw TextEmbeddingError.malformedModel(path, tensor: name, "has shape \(entry.shape); expected \(expected)")
        }
        let count = entry.range.count / 4
        var out = [Float](repeating: 0, count: count)
        out.withUnsafeMutableBytes { destination in
            bytes.withUnsafeBytes { source in
                let start = dataStart + entry.range.lowerBound
                destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<(start + entry.range.count)]))
            }
        }
        #if _endian(big)
        for i in out.indices { out[i] = Float(bitPattern: UInt32(littleEndian: out[i].bitPattern)) }
        #endif
        return out
    }
}
