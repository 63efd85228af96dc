import Logging
import ServiceLifecycle
import Store

/// Keeps the database open while the daemon runs and closes it on shutdown. Listed before the
/// HTTP server, so it stops after the server has drained its requests.
struct DatabaseService: Service, CustomStringConvertible {
    let store: SpotterStore
    let logger: Logger

    var description: String { "DatabaseService" }

    func run() async throws {
        try? await gracefulShutdown()
        do {
            try store.close()
            logger.info("database closed", metadata: ["path": "\(store.path ?? ":memory:")"])
        } catch {
            logger.error("closing the database failed: \(error)")
        }
    }
}
