/// The socket API's one error shape: `{"error": {"code": "not_found", "message": "..."}}`.
/// The server encodes it for every failure; clients (CLI, evals) decode it to show the message.
public struct ErrorEnvelope: Codable, Sendable, Equatable {
    public struct Body: Codable, Sendable, Equatable {
        /// Stable machine-readable code (`invalid_request`, `not_found`, `loading`, ...).
        public var code: String
        /// What was wrong and what to do.
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    public var error: Body

    public init(code: String, message: String) {
        self.error = Body(code: code, message: message)
    }
}
