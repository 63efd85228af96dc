import Hummingbird

/// Rejects a request whose declared `Content-Length` exceeds the limit with 413 before any of
/// the body is read (JSON bodies: `maxBodyBytes`; anything else: `maxUploadBytes`). Bodies sent
/// chunked are bounded while they are collected (`Request.collectBody(limit:)`).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = SpotterRequestContext
    let maxJSONBytes: Int
    let maxUploadBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.maxJSONBytes = maxJSONBytes
        context.maxUploadBytes = maxUploadBytes
        let isJSON = request.headers[.contentType].map { $0.lowercased().hasPrefix("application/json") } ?? true
        let limit = isJSON ? maxJSONBytes : maxUploadBytes
        if let lengthText = request.headers[.contentLength], let length = Int(lengthText), length > limit {
            throw APIError(.contentTooLarge, code: "payload_too_large",
                           "the request body is \(length) bytes; the limit for \(isJSON ? "JSON" : "uploads") is \(limit) bytes")
        }
        return try await next(request, context)
    }
}
