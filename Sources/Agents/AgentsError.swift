import LLM

/// Everything that can go wrong in the Agents module, with the HTTP status the daemon answers.
///
/// Configuration problems (`invalidConfiguration`) name the file, the key and the problem; they
/// stop start-up, and a failed `reload()` keeps the previous configuration.
public struct AgentsError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case invalidConfiguration
        case invalidRequest
        case notFound
        case unprocessable
        case rateLimited
        case overloaded
        case upstream
        case timedOut
        case cancelled
        case internalFailure
    }

    public let kind: Kind
    public let message: String
    /// Seconds for `Retry-After` on 429 and 503.
    public let retryAfterSeconds: Int?

    public init(_ kind: Kind, _ message: String, retryAfterSeconds: Int? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// HTTP status for the error body `{"error": {"code": code, "message": message}}`.
    public var httpStatus: Int {
        switch kind {
        case .invalidConfiguration, .internalFailure: 500
        case .invalidRequest: 400
        case .notFound: 404
        case .unprocessable: 422
        case .rateLimited: 429
        case .overloaded: 503
        case .upstream: 502
        case .timedOut: 504
        case .cancelled: 499
        }
    }

    /// Machine-readable code for the error body.
    public var code: String {
        switch kind {
        case .invalidConfiguration: "invalid_configuration"
        case .invalidRequest: "invalid_request"
        case .notFound: "not_found"
        case .unprocessable: "unprocessable"
        case .rateLimited: "rate_limited"
        case .overloaded: "overloaded"
        case .upstream: "upstream_error"
        case .timedOut: "upstream_timeout"
        case .cancelled: "cancelled"
        case .internalFailure: "internal_error"
        }
    }

    public var description: String { message }

    static func config(_ file: String, _ key: String, _ problem: String) -> AgentsError {
        AgentsError(.invalidConfiguration, "\(file): \(key): \(problem)")
    }

    /// Maps a backend failure to the daemon's status semantics.
    init(_ error: LLMError) {
        switch error.kind {
        case .overloaded: self.init(.overloaded, error.message, retryAfterSeconds: error.retryAfterSeconds)
        case .timedOut: self.init(.timedOut, error.message)
        case .upstream: self.init(.upstream, error.message)
        case .invalidRequest: self.init(.invalidRequest, error.message)
        case .cancelled: self.init(.cancelled, error.message)
        case .generationFailed: self.init(.internalFailure, error.message)
        }
    }

    /// Wraps any error from a backend or a provider.
    static func wrap(_ error: any Error, during step: String) -> AgentsError {
        if let e = error as? AgentsError { return e }
        if let e = error as? LLMError { return AgentsError(e) }
        if error is CancellationError { return AgentsError(.cancelled, "request cancelled during \(step)") }
        return AgentsError(.internalFailure, "\(step) failed: \(error)")
    }
}
