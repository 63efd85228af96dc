/// Why a `SpotterStore` operation failed. The one error type of the `Store` module.
///
/// The server translates it to HTTP in `ErrorResponses.swift`; messages say what was wrong and
/// what to do, and never contain request bodies.
public struct StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is; stable, for callers that branch on it.
    public enum Kind: Sendable, Equatable {
        /// The user, workout or conversation does not exist.
        case notFound
        /// The write conflicts with stored data (duplicate start time, reused idempotency key).
        case conflict
        /// A value is out of range or malformed; `field` names it.
        case invalid(field: String)
        /// An import file could not be read (wrong header, broken quoting); `line` is 1-based.
        case malformedImport(line: Int)
        /// The database file is unusable or misconfigured (start-up checks).
        case database
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The user does not exist; the message says how to create it.
    public static func userNotFound(_ id: String) -> StoreError {
        StoreError(.notFound, "user '\(id)' does not exist; create it first with PUT /v1/users/\(id) or `spotter user set \(id)`")
    }

    static func invalid(_ field: String, _ message: String) -> StoreError {
        StoreError(.invalid(field: field), message)
    }
}
