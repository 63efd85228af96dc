/// Why an HTTP exchange failed before a response could be read.
public struct HTTPClientError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Nothing listens at the address, or the socket file is missing.
        case connectionFailed
        /// The connect, total or idle deadline passed.
        case timedOut
        /// The caller's task was cancelled.
        case cancelled
        /// Any other transport failure (TLS, protocol, DNS, ...).
        case transport
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
