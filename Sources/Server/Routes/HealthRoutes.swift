import Hummingbird

/// `GET /v1/health`: liveness and identity.
///
/// ```json
/// {"status": "ok", "version": "0.1.0", "uptime_seconds": 12.5,
///  "database": {"engine": "sqlite", "location": ".spotter/spotter.sqlite", "schema_version": 2},
///  "capabilities": {"the knowledge index": "ready", "the language model": "loading"}}
/// ```
/// Capabilities loaded in the background report `loading`, `ready` or `failed: reason`; the
/// daemon answers (`status: ok`) while they load, and their routes answer 503 until ready.
/// `database.location` is the SQLite file, or for PostgreSQL the URL without any password
/// (`postgres://spotter@db:5432/spotter`; passwords never come in the URL, and a URL with
/// credentials is cut to the user name again here).
struct HealthRoutes: RouteGroup {
    let context: ServerContext

    struct Health: Codable, Sendable {
        struct Database: Codable, Sendable {
            /// `sqlite` or `postgresql`.
            var engine: String
            /// The SQLite file, or the PostgreSQL URL without a password.
            var location: String
            var schemaVersion: Int
            enum CodingKeys: String, CodingKey { case engine, location, schemaVersion = "schema_version" }
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
                database: .init(engine: context.store.engine, location: Self.withoutPassword(context.store.location), schemaVersion: try await context.store.schemaVersion()),
                capabilities: context.services.statuses()))
        }
    }

    /// `location` with anything between `://` and `@` cut to the user name (a second guard:
    /// stores already report locations without passwords).
    static func withoutPassword(_ location: String) -> String {
        guard let scheme = location.range(of: "://"),
              let at = location.range(of: "@", range: scheme.upperBound..<location.endIndex) else { return location }
        let credentials = location[scheme.upperBound..<at.lowerBound]
        let user = credentials.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return location.replacingCharacters(in: scheme.upperBound..<at.lowerBound, with: user)
    }
}
