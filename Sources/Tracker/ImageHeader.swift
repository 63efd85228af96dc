import Foundation

/// An image's format and size as read from its header, without decoding pixels.
///
/// Formats read here (all offsets in bytes, integers big-endian unless noted):
/// - PNG: 8-byte signature `89 50 4E 47 0D 0A 1A 0A`; the first chunk must be `IHDR`
///   (length 13 at 8, type at 12, width u32 at 16, height u32 at 20, CRC-32 of type+data at 29);
///   a complete file ends with the 12-byte `IEND` chunk.
/// - JPEG: `FF D8 FF`; then segments `FF marker [u16 length incl. itself] payload`; the first
///   SOFn (C0–CF except C4 DHT, C8 JPG, CC DAC) holds precision u8, height u16, width u16;
///   markers D0–D7 and 01 have no length; SOS (DA) before any SOF is corrupt; a complete file
///   ends with EOI `FF D9` (trailing padding after it is tolerated).
/// - WebP: `RIFF` u32le-size `WEBP` then a chunk at 12: `VP8 ` (lossy: 14-bit u16le width at 26,
///   height at 28), `VP8L` (signature 0x2F at 20, then 14-bit width-1 and height-1 packed
///   little-endian at 21), `VP8X` (24-bit le width-1 at 24, height-1 at 27). The RIFF size
///   (+8) must not exceed the body.
public struct ImageHeader: Sendable, Equatable {
    public enum Format: String, Sendable { case png, jpeg, webp }

    public var format: Format
    public var width: Int
    public var height: Int

    /// The MIME type of `format`.
    public var contentType: String { "image/\(format.rawValue)" }
}

extension ImageHeader {
    /// Validates `data` against `limits` and the declared content type, reading only headers.
    ///
    /// - Throws: ``TrackerError`` with status 422 (empty), 413 (bytes or pixels over the limit),
    ///   415 (not PNG/JPEG/WebP, or the declared type disagrees with the bytes), 400 (truncated
    ///   or corrupt header).
    public static func validate(_ data: Data, declaredContentType: String?, limits: ImageLimits) throws -> ImageHeader {
        guard !data.isEmpty else {
            throw TrackerError.empty("the image body is empty; send the PNG, JPEG or WebP bytes")
        }
        guard data.count <= limits.maxBytes else {
            throw TrackerError.tooLarge("image is \(data.count) bytes; the limit is \(limits.maxBytes) bytes (\(megabytes(limits.maxBytes)))")
        }
        let declared = try declaredFormat(declaredContentType)
        let bytes = [UInt8](data.prefix(64))
        guard let format = sniff(bytes) else {
            throw TrackerError.unsupportedType("the body is not a PNG, JPEG or WebP image (unrecognised magic bytes); convert it to one of those")
        }
        if let declared, declared != format {
            throw TrackerError.unsupportedType("the content type says image/\(declared.rawValue) but the bytes are \(format.rawValue.uppercased()); send the matching Content-Type")
        }
        let header: ImageHeader
        switch format {
        case .png: header = try png(data)
        case .jpeg: header = try jpeg(data)
        case .webp: header = try webp(data)
        }
        guard header.width > 0, header.height > 0 else {
            throw TrackerError.corrupt("the \(format.rawValue.uppercased()) header declares a \(header.width)x\(header.height) image; the file is corrupt")
        }
        // Header sizes are untrusted (a PNG may declare 2^32-1 × 2^32-1): multiply without trapping.
        let (pixels, overflow) = header.width.multipliedReportingOverflow(by: header.height)
        guard !overflow, pixels <= limits.maxPixels else {
            throw TrackerError.tooLarge("image is \(header.width)x\(header.height) pixels; the limit is \(megapixels(limits.maxPixels)); resize it before uploading")
        }
        return header
    }

    /// `nil` when the caller declared nothing specific (absent, octet-stream, `image/*`).
    static func declaredFormat(_ contentType: String?) throws -> Format? {
        guard let raw = contentType else { return nil }
        let mime = raw.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch mime {
        case "", "application/octet-stream", "image/*": return nil
        case "image/png": return .png
        case "image/jpeg", "image/jpg", "image/pjpeg": return .jpeg
        case "image/webp": return .webp
        default:
            throw TrackerError.unsupportedType("content type \(mime) is not supported; send image/png, image/jpeg or image/webp")
        }
    }

    static func sniff(_ b: [UInt8]) -> Format? {
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if b.count >= 12, b.starts(with: Array("RIFF".utf8)), Array(b[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }

    private static func megapixels(_ n: Int) -> String {
        n % 1_000_000 == 0 ? "\(n / 1_000_000) MP" : String(format: "%.1f MP", Double(n) / 1e6)
    }

    private static func megabytes(_ n: Int) -> String { String(format: "%.1f MB", Double(n) / 1e6) }
}
