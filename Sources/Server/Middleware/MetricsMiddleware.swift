import Hummingbird
import Prometheus

/// Counts requests by route, method and status, records latency per route, and tracks the
/// number in flight, in the server's own Prometheus registry (served at `/metrics`).
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = SpotterRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        metrics.inFlight.increment()
        defer { metrics.inFlight.decrement() }
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let route = context.matchedRoute ?? "unmatched"
        metrics.record(route: route, method: request.method.rawValue, status: response.status.code, duration: ContinuousClock.now - start)
        return response
    }
}

/// The daemon's metrics, kept in a private registry (no global `MetricsSystem` bootstrap, so
/// several servers can live in one test process).
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let inFlight: Gauge
    static let buckets: [Duration] = [.microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
                                      .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                                      .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30)]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        self.inFlight = registry.makeGauge(name: "spotter_http_requests_in_flight", help: "HTTP requests being handled")
    }

    func record(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(name: "spotter_http_requests_total",
                             labels: [("route", route), ("method", method), ("status", String(status))],
                             help: "HTTP requests by route, method and status").increment()
        registry.makeDurationHistogram(name: "spotter_http_request_duration_seconds", labels: [("route", route)],
                                       buckets: Self.buckets, help: "HTTP request latency by route").record(duration)
    }
}
