import Store

/// What route groups can use: the store, plus optional capability services that other modules
/// register by type (chat, tracker, knowledge search, recommendations).
///
/// ```swift
/// var context = ServerContext(store: store)
/// context.capabilities.register(myChatService)          // any Sendable value
/// let chat = context.capabilities[ChatService.self]      // nil when not configured
/// ```
public struct ServerContext: Sendable {
    public let store: SpotterStore
    public var capabilities: Capabilities
    /// When the daemon started (for `/v1/health` uptime).
    public let startedAt: ContinuousClock.Instant

    public init(store: SpotterStore, capabilities: Capabilities = Capabilities()) {
        self.store = store
        self.capabilities = capabilities
        self.startedAt = .now
    }
}

/// A type-keyed set of optional services. A route group that needs a capability looks it up
/// and answers 503 when it is missing.
public struct Capabilities: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    /// Adds (or replaces) the service registered under its own type.
    public mutating func register<T: Sendable>(_ value: T) {
        values[ObjectIdentifier(T.self)] = value
    }

    /// Adds (or replaces) a service under an explicit type, e.g. a protocol: `register(x, as: (any ChatBackend).self)`.
    public mutating func register<T>(_ value: any Sendable, as type: T.Type) {
        values[ObjectIdentifier(type)] = value
    }

    public subscript<T>(_ type: T.Type) -> T? {
        values[ObjectIdentifier(type)] as? T
    }

    /// Name → status of every registered capability that reports one (see `StatusReporting`).
    public func statuses() -> [String: String] {
        var out: [String: String] = [:]
        for case let reporter as any StatusReporting in values.values { out[reporter.name] = reporter.status }
        return out
    }
}

/// A capability whose readiness `/v1/health` shows (`Loadable` conforms).
public protocol StatusReporting: Sendable {
    var name: String { get }
    var status: String { get }
}
