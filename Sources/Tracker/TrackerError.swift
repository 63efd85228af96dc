/// Why an image could not be turned into tracker JSON.
///
/// `status` carries HTTP semantics so the server can translate it at its boundary:
/// 400 truncated/corrupt, 413 too many bytes or pixels, 415 unsupported or mislabelled type,
/// 422 empty body or no text, 502 invalid upstream reply, 503 upstream unreachable,
/// 504 upstream or OCR deadline passed, 500 OCR engine failure.
public struct TrackerError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Kind: String, Sendable {
        case tooLarge = "payload_too_large"
        case unsupportedType = "unsupported_media_type"
        case corrupt = "invalid_image"
        case empty = "empty_body"
        case upstreamInvalid = "upstream_invalid_reply"
        case upstreamUnavailable = "upstream_unavailable"
        case timedOut = "timeout"
        case engine = "ocr_failed"
    }

    private let kind: Kind
    /// A sentence saying what was wrong and what to do.
    public let message: String

    private init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The HTTP status this error maps to.
    public var status: Int {
        switch kind {
        case .tooLarge: 413
        case .unsupportedType: 415
        case .corrupt: 400
        case .empty: 422
        case .upstreamInvalid: 502
        case .upstreamUnavailable: 503
        case .timedOut: 504
        case .engine: 500
        }
    }

    /// A stable machine-readable code for the error body (`{"error": {"code", "message"}}`).
    public var code: String { kind.rawValue }

    public var description: String { message }

    static func tooLarge(_ message: String) -> Self { .init(.tooLarge, message) }
    static func unsupportedType(_ message: String) -> Self { .init(.unsupportedType, message) }
    static func corrupt(_ message: String) -> Self { .init(.corrupt, message) }
    static func empty(_ message: String) -> Self { .init(.empty, message) }
    static func upstreamInvalid(_ message: String) -> Self { .init(.upstreamInvalid, message) }
    static func upstreamUnavailable(_ message: String) -> Self { .init(.upstreamUnavailable, message) }
    static func timedOut(_ message: String) -> Self { .init(.timedOut, message) }
    static func engine(_ message: String) -> Self { .init(.engine, message) }
}
