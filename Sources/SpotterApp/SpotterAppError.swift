/// The one error type of the composition target: start-up problems (missing files, broken
/// configuration) and request failures of the glue (a model still loading, no history).
///
/// It carries a category and a message, never an HTTP status: the server's error translation
/// (`ErrorResponses.swift`) maps `kind` to a status and a wire code.
public struct SpotterAppError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Start-up: a required file is missing or a configuration section is broken.
        case configuration
        /// A capability is still loading in the background; retry after `retryAfterSeconds`.
        case loading
        /// A capability failed to load or the daemon runs without it.
        case unavailable
        /// The user never logged the exercise asked about.
        case noHistory
        /// A request argument is out of range or unknown; `field` names it.
        case invalidField(String)
    }

    public let kind: Kind
    /// What was wrong and what to do.
    public let message: String
    /// For `.loading`: seconds the client should wait.
    public let retryAfterSeconds: Int?

    public init(_ kind: Kind, _ message: String, retryAfterSeconds: Int? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { message }
}
