import Hummingbird
import NIOCore

/// `GET /metrics`: Prometheus text exposition format (version 0.0.4) of the daemon's registry:
/// `spotter_http_requests_total{route,method,status}`,
/// `spotter_http_request_duration_seconds{route}` (histogram), `spotter_http_requests_in_flight`.
struct MetricsRoutes: RouteGroup {
    let metrics: ServerMetrics

    func register(on router: Router<SpotterRequestContext>) {
        let metrics = self.metrics
        router.get("/metrics") { _, _ in
            var bytes: [UInt8] = []
            metrics.registry.emit(into: &bytes)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
