import Hummingbird

/// `GET /v1/health`: liveness and identity.
///
/// ```json
/// {"status": "ok", "version": "0.1.0", "uptime_seconds": 12.5,
///  "database": {"path": ".spotter/spotter.sqlite", "schema_version": 1},
///  "capabilities": {"the knowledge index": "ready", "the language model": "loading"}}
/// ```
/// Capabilities loaded in the background report `loading`, `ready` or `failed: reason`; the
/// daemon answers (`status: ok`) while they load, and their routes answer 503 until ready.
/// ```json
/// ```
struct HealthRoutes: RouteGroup {
    let context: ServerContext

    struct Health: Codable, Sendable {
        struct Database: Codable, Sendable {
            var path: String
            var schemaVersion: Int
            enum CodingKeys: String, CodingKey { case path, schemaVersion = "schema_version" }
        }
        var status: String
        var version: String
        var uptimeSeconds: Double
        var database: Database
        var capabilities: [String: String]
        enum CodingKeys: String, CodingKey { case status, version, uptimeSeconds = "uptime_seconds", database, capabilities }
    }

    func register(on router: Router<SpotterRequestContext>) {
        let context = self.context
        router.get("/v1/health") { _, _ in
            let uptime = ContinuousClock.now - context.startedAt
            let seconds = Double(uptime.components.seconds) + Double(uptime.components.attoseconds) / 1e18
            return JSONBody(Health(
                status: "ok", version: SpotterServer.version, uptimeSeconds: (seconds * 1000).rounded() / 1000,
                database: .init(path: context.store.location, schemaVersion: try await context.store.schemaVersion()),
                capabilities: context.services.statuses()))
        }
    }
}
