/// Why an image could not be turned into tracker JSON: a category (`kind`) and a message. The
/// server's error translation maps each kind to an HTTP status and a wire code.
public struct TrackerError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Too many bytes or pixels.
        case tooLarge
        /// Not an accepted image type, or mislabelled.
        case unsupportedType
        /// Truncated or corrupt image or upload.
        case corrupt
        /// Empty body or no text in the image.
        case empty
        /// The vision server's reply is not a valid tracker reply.
        case upstreamInvalid
        /// The vision server cannot be reached.
        case upstreamUnavailable
        /// The vision server's or the OCR's deadline passed.
        case timedOut
        /// The OCR engine failed.
        case engine
    }

    public let kind: Kind
    /// A sentence saying what was wrong and what to do.
    public let message: String

    private init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

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
