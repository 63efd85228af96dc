import Foundation

/// Per-format header readers; see the format notes on ``ImageHeader``.
extension ImageHeader {
    static func png(_ data: Data) throws -> ImageHeader {
        let b = ByteReader(data)
        guard data.count >= 33 else {
            throw TrackerError.corrupt("the PNG is truncated (\(data.count) bytes, shorter than its header)")
        }
        guard b.u32be(8) == 13, b.ascii(12, 4) == "IHDR" else {
            throw TrackerError.corrupt("the PNG is corrupt: its first chunk is not a 13-byte IHDR")
        }
        let crc = CRC32.checksum(data, range: 12..<29)
        guard crc == b.u32be(29) else {
            throw TrackerError.corrupt("the PNG header is corrupt (IHDR checksum mismatch)")
        }
        let iend: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        guard data.count >= 45, Array(data.suffix(12)) == iend else {
            throw TrackerError.corrupt("the PNG is truncated: it does not end with an IEND chunk; upload the whole file")
        }
        return ImageHeader(format: .png, width: Int(b.u32be(16)), height: Int(b.u32be(20)))
    }

    static func jpeg(_ data: Data) throws -> ImageHeader {
        let b = ByteReader(data)
        var i = 2
        var size: (Int, Int)?
        scan: while size == nil {
            guard i + 1 < data.count else { break }
            guard b[i] == 0xFF else {
                throw TrackerError.corrupt("the JPEG is corrupt: expected a segment marker at byte \(i)")
            }
            var marker = b[i + 1]
            while marker == 0xFF, i + 2 < data.count {  // fill bytes
                i += 1
                marker = b[i + 1]
            }
            i += 2
            switch marker {
            case 0x01, 0xD0...0xD7: continue scan
            case 0xD9, 0xDA:
                throw TrackerError.corrupt("the JPEG is corrupt: image data starts before any frame header (SOF)")
            default: break
            }
            guard i + 2 <= data.count else { break }
            let length = Int(b.u16be(i))
            guard length >= 2 else {
                throw TrackerError.corrupt("the JPEG is corrupt: segment at byte \(i) has length \(length)")
            }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard i + 7 <= data.count else { break }
                size = (Int(b.u16be(i + 5)), Int(b.u16be(i + 3)))
            }
            i += length
        }
        guard let (width, height) = size else {
            throw TrackerError.corrupt("the JPEG is truncated: no frame header (SOF) in its \(data.count) bytes; upload the whole file")
        }
        // A complete JPEG ends with EOI; allow a little padding some encoders append.
        let tail = [UInt8](data.suffix(min(data.count, 1024)))
        let hasEOI = zip(tail, tail.dropFirst()).contains { $0 == 0xFF && $1 == 0xD9 }
        guard hasEOI else {
            throw TrackerError.corrupt("the JPEG is truncated: it has no end-of-image marker; upload the whole file")
        }
        return ImageHeader(format: .jpeg, width: width, height: height)
    }

    static func webp(_ data: Data) throws -> ImageHeader {
        let b = ByteReader(data)
        guard data.count >= 30 else { throw TrackerError.corrupt("the WebP is truncated (\(data.count) bytes)") }
        guard Int(b.u32le(4)) + 8 <= data.count else {
            throw TrackerError.corrupt("the WebP is truncated: RIFF declares \(Int(b.u32le(4)) + 8) bytes but \(data.count) arrived")
        }
        switch b.ascii(12, 4) {
        case "VP8 ":
            return ImageHeader(format: .webp, width: Int(b.u16le(26) & 0x3FFF), height: Int(b.u16le(28) & 0x3FFF))
        case "VP8L":
            guard b[20] == 0x2F else { throw TrackerError.corrupt("the WebP (lossless) header is corrupt") }
            let bits = b.u32le(21)
            return ImageHeader(format: .webp, width: Int(bits & 0x3FFF) + 1, height: Int((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            return ImageHeader(format: .webp, width: Int(b.u24le(24)) + 1, height: Int(b.u24le(27)) + 1)
        default:
            throw TrackerError.corrupt("the WebP is corrupt: unknown first chunk '\(b.ascii(12, 4))'")
        }
    }
}

/// Bounds-checked little/big-endian reads; out-of-range bytes read as 0 (callers check sizes).
struct ByteReader {
    let data: Data
    init(_ data: Data) { self.data = data }

    subscript(_ i: Int) -> UInt8 {
        i >= 0 && i < data.count ? data[data.startIndex + i] : 0
    }
    func u16be(_ i: Int) -> UInt16 { UInt16(self[i]) << 8 | UInt16(self[i + 1]) }
    func u16le(_ i: Int) -> UInt16 { UInt16(self[i + 1]) << 8 | UInt16(self[i]) }
    func u24le(_ i: Int) -> UInt32 { UInt32(self[i + 2]) << 16 | UInt32(self[i + 1]) << 8 | UInt32(self[i]) }
    func u32be(_ i: Int) -> UInt32 { UInt32(u16be(i)) << 16 | UInt32(u16be(i + 2)) }
    func u32le(_ i: Int) -> UInt32 { UInt32(u16le(i + 2)) << 16 | UInt32(u16le(i)) }
    func ascii(_ i: Int, _ n: Int) -> String { String(decoding: (i..<(i + n)).map { self[$0] }, as: UTF8.self) }
}

/// CRC-32 (IEEE 802.3, as PNG uses), table-driven.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: Data, range: Range<Int>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for i in range { c = table[Int((c ^ UInt32(data[data.startIndex + i])) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
