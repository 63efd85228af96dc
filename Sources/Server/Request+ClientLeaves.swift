import Hummingbird

extension Request {
    /// Runs `operation` on this request, cancelling it when the client closes the connection
    /// first: an import or a non-streamed chat stops working for nobody and, because the store
    /// and the chat pipeline observe cancellation, stores nothing. The handler then throws
    /// `CancellationError` (mapped to 499 in `ErrorResponses.swift`; nobody reads it).
    ///
    /// Call it before anything reads the body: the request passed to `operation` is this one
    /// with its body re-wired, and the body must be read only from it (Hummingbird traps when
    /// the original body was consumed first). The connection is closed after the response (no keep-alive reuse), because
    /// watching for the client's close consumes the connection's inbound stream.
    public func untilClientLeaves<T: Sendable>(_ operation: (Request) async throws -> T) async throws -> T {
        try await body.consumeWithCancellationOnInboundClose { body in
            var request = self
            request.body = body
            return try await operation(request)
        }
    }
}
