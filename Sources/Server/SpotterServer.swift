import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Store

/// The Spotter daemon: a Hummingbird application on a Unix socket, serving route groups over a
/// `ServerContext`, with limits, the JSON error shape, request logs and metrics applied to every
/// route.
///
/// ```swift
/// let store = try SpotterStore.open(directory: configuration.dataDirectory)
/// let services = try assemble(store: store, options: options, logger: logger)
/// let server = SpotterServer(configuration: configuration, context: ServerContext(services: services))
/// try await server.run()   // returns after SIGTERM/SIGINT, once drained and cleaned up
/// ```
///
/// Extending it: add a `RouteGroup` (one file per group) to `routeGroups(context:)` and its
/// operations to `openapi.yaml` (`OpenAPIConformanceTests` checks both lists agree), and any
/// long-lived part (a model loader, a queue) as a `Service` in `services` (the daemon passes
/// `SpotterServices.background`). On shutdown the HTTP
/// server stops first (it is the last service): it stops accepting, waits for in-flight
/// requests up to `drainTimeout`, then the other services stop, the database closes and the
/// socket file is removed.
public struct SpotterServer: Sendable {
    /// The daemon's version, reported by `/v1/health`.
    public static let version = "0.1.0"

    public let configuration: ServerConfiguration
    public let context: ServerContext
    public let routeGroups: [any RouteGroup]
    public let services: [any Service]
    public let metrics: ServerMetrics
    public let logger: Logger
    /// The connection cap and header timeout, shared by every connection (`/metrics` may read it).
    public let connections: ConnectionGuard

    /// - Parameter services: long-lived parts run beside the HTTP server; default: the context's
    ///   `SpotterServices.background` (model loaders, SIGHUP reload).
    public init(configuration: ServerConfiguration, context: ServerContext, routeGroups: [any RouteGroup]? = nil,
                services: [any Service]? = nil, metrics: ServerMetrics = ServerMetrics(), logger: Logger? = nil) {
        self.configuration = configuration
        self.context = context
        self.metrics = metrics
        self.routeGroups = routeGroups ?? Self.routeGroups(context: context, metrics: metrics)
        self.services = services ?? context.services.background
        var log = logger ?? Logger(label: "spotter")
        log.logLevel = configuration.logLevel
        self.logger = log
        self.connections = ConnectionGuard(maxConnections: configuration.maxConnections, headerTimeout: configuration.headerTimeout)
    }

    /// Every route group the daemon serves. Add a capability here: one line.
    public static func routeGroups(context: ServerContext, metrics: ServerMetrics) -> [any RouteGroup] {
        [
            HealthRoutes(context: context),
            MetricsRoutes(metrics: metrics, chat: context.services.chat, coaching: context.services.coaching),
            UserRoutes(context: context),
            WorkoutRoutes(context: context),
            CheckinRoutes(context: context),
            ImportRoutes(context: context),
            KnowledgeRoutes(context: context),
            KnowledgeAdminRoutes(context: context, allowed: context.allowsKnowledgeImport),
            TrackerRoutes(context: context),
            CoachingRoutes(context: context),
            ChatRoutes(context: context), FeedbackRoutes(context: context),
            OpenAPIRoutes(document: context.openAPI),
        ]
    }

    /// What the admin socket serves: health and the knowledge operator actions.
    public static func adminRouteGroups(context: ServerContext) -> [any RouteGroup] {
        [HealthRoutes(context: context), KnowledgeAdminRoutes(context: context, allowed: true)]
    }

    /// Builds the app socket's router: middleware first (so it wraps every route), then the route groups.
    public func buildRouter() -> Router<SpotterRequestContext> {
        buildRouter(groups: routeGroups)
    }

    /// Builds the admin socket's router (same middleware, `adminRouteGroups`).
    public func buildAdminRouter() -> Router<SpotterRequestContext> {
        buildRouter(groups: Self.adminRouteGroups(context: context))
    }

    func buildRouter(groups: [any RouteGroup]) -> Router<SpotterRequestContext> {
        let router = Router(context: SpotterRequestContext.self)
        let table = RouteTable()
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: ErrorMiddleware(routes: table))
        router.add(middleware: BodyLimitMiddleware(maxJSONBytes: configuration.maxBodyBytes, maxUploadBytes: configuration.maxUploadBytes))
        for group in groups { group.register(on: router) }
        table.set(router.routes.map { (method: $0.method.rawValue, path: $0.path.description) })
        return router
    }

    /// Binds the socket (and the admin socket, and the test-only TCP port, when configured) and
    /// serves until SIGTERM/SIGINT (when `handlesSignals`) or until the calling task is cancelled.
    /// Throws `ServerError` when a socket is in use or unusable.
    public func run() async throws {
        let binding = try SocketBinding(path: configuration.socketPath, mode: configuration.socketMode)
        defer { binding.release() }
        let adminBinding = try configuration.adminSocketPath.map { try SocketBinding(path: $0, mode: 0o600) }
        defer { adminBinding?.release() }
        var listeners: [any Service] = [socketApplication(router: buildRouter(), binding: binding, connections: connections)]
        if let adminBinding {
            listeners.append(socketApplication(router: buildAdminRouter(), binding: adminBinding,
                                               connections: ConnectionGuard(maxConnections: 16, headerTimeout: configuration.headerTimeout)))
        }
        if let port = configuration.testHTTPPort {
            let logger = self.logger
            listeners.append(Application(
                router: buildRouter(),
                server: .guardedHTTP1(limits: connections, idleTimeout: configuration.idleTimeout),
                configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "spotter/\(Self.version)"),
                onServerRunning: { _ in logger.warning("test-only TCP listener", metadata: ["address": "127.0.0.1:\(port)"]) },
                logger: logger))
        }
        let socketPath = configuration.socketPath
        var groupConfiguration = ServiceGroupConfiguration(
            services: services.map { .init(service: $0) }
                + [.init(service: DatabaseService(store: context.store, logger: logger))] + listeners.map { .init(service: $0) },
            gracefulShutdownSignals: configuration.handlesSignals ? [.sigterm, .sigint] : [],
            logger: logger)
        // In-flight requests get this long after SIGTERM; then the group is cancelled.
        groupConfiguration.maximumGracefulShutdownDuration = configuration.drainTimeout
        try await ServiceGroup(configuration: groupConfiguration).run()
        logger.info("stopped", metadata: ["socket": "\(socketPath)"])
    }

    /// An HTTP/1 application on a bound socket path; the socket gets its mode once listening.
    func socketApplication(router: Router<SpotterRequestContext>, binding: SocketBinding,
                           connections: ConnectionGuard) -> any Service {
        let logger = self.logger
        return Application(
            router: router,
            server: .guardedHTTP1(limits: connections, idleTimeout: configuration.idleTimeout),
            configuration: .init(address: .unixDomainSocket(path: binding.path), serverName: "spotter/\(Self.version)"),
            onServerRunning: { _ in
                do {
                    try binding.applyMode()
                    logger.info("listening", metadata: ["socket": "\(binding.path)", "mode": "\(String(binding.mode, radix: 8))"])
                } catch {
                    logger.critical("\(error)")
                }
            },
            logger: logger)
    }
}
