import Foundation

/// Reading and writing `router-embeddings.bin` (the format is documented on `RouterEmbeddingCache`).
extension RouterEmbeddingCache {
    /// Why the file cannot be used.
    enum Problem: Error, CustomStringConvertible {
        case missing
        case stale
        case corrupt(String)

        var description: String {
            switch self {
            case .missing: "no cache file"
            case .stale: "inputs changed"
            case .corrupt(let why): "corrupt: \(why)"
            }
        }
    }

    static let headerSize = 8 + 4 + 64 + 4 + 4
    static let trailerSize = 8

    /// The vectors stored under `key`, or why there are none.
    func read(key: String, count: Int, dimension: Int) -> Result<[[Float]], Problem> {
        guard FileManager.default.fileExists(atPath: url.path) else { return .failure(.missing) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return .failure(.corrupt("unreadable: \(error.localizedDescription)"))
        }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<[[Float]], Problem> in
            guard raw.count >= Self.headerSize + Self.trailerSize else {
                return .failure(.corrupt("\(raw.count) bytes is shorter than the header"))
            }
            guard Array(raw[0..<8]) == Self.magic else { return .failure(.corrupt("not a router embedding file")) }
            guard Self.uint32(raw, at: 8) == Self.version else {
                return .failure(.corrupt("format version \(Self.uint32(raw, at: 8)), expected \(Self.version)"))
            }
            let storedDimension = Int(Self.uint32(raw, at: 76))
            let storedCount = Int(Self.uint32(raw, at: 80))
            let expectedSize = Self.headerSize + 4 * storedCount * storedDimension + Self.trailerSize
            guard raw.count == expectedSize else {
                return .failure(.corrupt("\(raw.count) bytes; \(storedCount) vectors of \(storedDimension) need \(expectedSize)"))
            }
            let checksum = Self.fnv1a(UnsafeRawBufferPointer(rebasing: raw[0..<(expectedSize - Self.trailerSize)]))
            guard Self.uint64(raw, at: expectedSize - Self.trailerSize) == checksum else {
                return .failure(.corrupt("checksum mismatch"))
            }
            guard String(decoding: raw[12..<76], as: UTF8.self) == key, storedCount == count, storedDimension == dimension else {
                return .failure(.stale)
            }
            var vectors: [[Float]] = []
            vectors.reserveCapacity(count)
            for row in 0..<count {
                let start = Self.headerSize + 4 * row * dimension
                vectors.append((0..<dimension).map { Float(bitPattern: Self.uint32(raw, at: start + 4 * $0)) })
            }
            return .success(vectors)
        }
    }

    /// Writes `vectors` under `key` to a temporary file beside `url`, then renames it into place.
    func write(_ vectors: [[Float]], key: String, dimension: Int) throws {
        guard vectors.allSatisfy({ $0.count == dimension }), key.utf8.count == 64 else {
            throw SpotterAppError(.unavailable, "router embeddings: the encoder returned vectors that are not \(dimension)-dimensional")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.headerSize + 4 * vectors.count * dimension + Self.trailerSize)
        bytes += Self.magic
        Self.append(Self.version, to: &bytes)
        bytes += Array(key.utf8)
        Self.append(UInt32(dimension), to: &bytes)
        Self.append(UInt32(vectors.count), to: &bytes)
        for vector in vectors {
            for value in vector { Self.append(value.bitPattern, to: &bytes) }
        }
        let checksum = bytes.withUnsafeBytes { Self.fnv1a($0) }
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: checksum >> UInt64(shift))) }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw SpotterAppError(.unavailable, "cannot rename \(temporary.path) to \(url.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    static func uint32(_ raw: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    static func uint64(_ raw: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// FNV-1a, 64-bit: detects truncation and flipped bytes (not tampering; the file is ours).
    static func fnv1a(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in raw {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
