import Hummingbird
import Logging

/// Logs one line per request with its id, method, route, status and duration; never bodies or
/// query strings. Echoes the id in `X-Request-Id` so a client can quote it.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = SpotterRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[.init("X-Request-Id")!] = context.id
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "method": "\(request.method)", "route": "\(context.matchedRoute ?? "unmatched")",
            "status": "\(response.status.code)", "ms": "\((ms * 10).rounded() / 10)",
        ])
        return response
    }
}
