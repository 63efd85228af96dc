import HTTPTypes
import Hummingbird
import Synchronization

/// Turns every thrown error into the JSON error shape, and an unmatched path that exists for
/// other methods into 405 with an `Allow` header. Logs 5xx causes (never bodies).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = SpotterRequestContext
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var apiError = APIError.translate(error)
            if apiError.status == .notFound, context.matchedRoute == nil {
                let allowed = routes.methods(forPath: request.uri.path)
                if !allowed.isEmpty {
                    apiError = APIError(.methodNotAllowed, code: "method_not_allowed",
                                        "\(request.method) is not allowed on \(request.uri.path); use \(allowed.joined(separator: ", "))",
                                        headers: [.allow: allowed.joined(separator: ", ")])
                } else {
                    apiError.message = "no endpoint \(request.method) \(request.uri.path); see the README for the API"
                }
            }
            if apiError.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return try apiError.response(from: request, context: context)
        }
    }
}

/// The registered (method, path pattern) pairs, filled once after all route groups registered;
/// used to tell 405 from 404.
final class RouteTable: Sendable {
    private let patterns = Mutex<[(method: String, segments: [Substring])]>([])

    func set(_ routes: [(method: String, path: String)]) {
        patterns.withLock { $0 = routes.map { ($0.method, $0.path.split(separator: "/")) } }
    }

    /// Methods registered for a path pattern matching `path`, sorted.
    func methods(forPath path: String) -> [String] {
        let parts = path.split(separator: "/")
        return patterns.withLock { patterns in
            Set(patterns.filter { pattern in
                pattern.segments.count == parts.count && zip(pattern.segments, parts).allSatisfy { p, s in
                    p == s || p.hasPrefix(":") || p.hasPrefix("{") || p == "*"
                }
            }.map(\.method)).sorted()
        }
    }
}
