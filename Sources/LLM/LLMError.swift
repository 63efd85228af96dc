/// Why a chat backend could not answer, with the HTTP status the daemon should return.
///
/// A struct wrapping a kind so that cases can be added without breaking callers.
public struct LLMError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Too many generations running and queued; retry after `retryAfterSeconds` (503).
        case overloaded
        /// The upstream did not connect or answer within its deadline (504).
        case timedOut
        /// The upstream answered with an error, or could not be reached after retries (502).
        case upstream
        /// The request itself is unusable (bad options, empty messages) (400).
        case invalidRequest
        /// The caller went away; nothing is sent back.
        case cancelled
        /// The local model failed while generating (500).
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

    /// The status the daemon answers with: 503, 504, 502, 400, 499 (client closed), 500.
    public var httpStatus: Int {
        switch kind {
        case .overloaded: 503
        case .timedOut: 504
        case .upstream: 502
        case .invalidRequest: 400
        case .cancelled: 499
        case .generationFailed: 500
        }
    }

    public var description: String { message }
}
