import SpotterApp
import Store

/// What route groups can use: the services `assemble(store:options:logger:)` built (the store
/// always; chat, tracker, knowledge, coaching when the daemon runs with them).
///
/// ```swift
/// let context = ServerContext(services: try assemble(store: store, options: options, logger: logger))
/// let chat = context.services.chat      // nil when the daemon runs without chat (routes answer 503)
/// ```
public struct ServerContext: Sendable {
    public let services: SpotterServices
    /// When the daemon started (for `/v1/health` uptime).
    public let startedAt: ContinuousClock.Instant
    /// Whether the app socket also serves the knowledge operator actions (import, removal;
    /// `spotter serve --allow-knowledge-import`, the legacy switch). Off by default: imported text
    /// reaches every user's retrieval and names become aliases of curated exercises, so changing
    /// the knowledge base is the operator's decision (the admin socket), not any app client's.
    public var allowsKnowledgeImport = false
    /// The socket API's OpenAPI document, served at `GET /openapi.json` (503 when nil).
    public var openAPI: OpenAPIDocument?

    public var store: any RecordStore { services.store }

    public init(services: SpotterServices) {
        self.services = services
        self.startedAt = .now
    }

    /// A daemon serving only users, workouts, check-ins and imports.
    public init(store: any RecordStore) {
        self.init(services: SpotterServices(store: store))
    }
}
