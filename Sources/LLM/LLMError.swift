/// Why a chat backend could not answer: a category (`kind`) and a message.
///
/// A struct wrapping a kind so that cases can be added without breaking callers.
public struct LLMError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Too many generations running and queued; retry after `retryAfterSeconds`.
        case overloaded
        /// The upstream did not connect or answer within its deadline.
        case timedOut
        /// The upstream answered with an error, or could not be reached after retries.
        case upstream
        /// The request itself is unusable (bad options, empty messages).
        case invalidRequest
        /// The caller went away; nothing is sent back.
        case cancelled
        /// The local model failed while generating.
        case generationFailed
    }

    public let kind: Kind
    public let message: String
    /// For `.overloaded`: seconds the client should wait (`Retry-After`).
    public let retryAfterSeconds: Int?
    /// For `.upstream`: the upstream's HTTP status, when it answered.
    public let upstreamStatus: Int?

    public init(_ kind: Kind, _ message: String, retryAfterSeconds: Int? = nil, upstreamStatus: Int? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
        self.upstreamStatus = upstreamStatus
    }

    public var description: String { message }
}
