import LLM

/// Everything that can go wrong in the Agents module: a category (`kind`) and a message. The
/// server's error translation maps categories to HTTP statuses.
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
    /// For `.rateLimited` and `.overloaded`: seconds the client should wait.
    public let retryAfterSeconds: Int?

    public init(_ kind: Kind, _ message: String, retryAfterSeconds: Int? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { message }

    static func config(_ file: String, _ key: String, _ problem: String) -> AgentsError {
        AgentsError(.invalidConfiguration, "\(file): \(key): \(problem)")
    }

    /// Maps a backend failure to the Agents categories.
    public init(_ error: LLMError) {
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
