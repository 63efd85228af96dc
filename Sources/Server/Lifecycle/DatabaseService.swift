import Logging
import ServiceLifecycle
import SpotterApp
import Store

/// Keeps the database open while the daemon runs and closes it on shutdown (SQLite: checkpoint,
/// close, release the data directory's lock; PostgreSQL: close the pool's connections). Listed
/// before the HTTP server, so it stops after the server has drained its requests.
struct DatabaseService: Service, CustomStringConvertible {
    let store: any RecordStore
    let logger: Logger

    var description: String { "DatabaseService" }

    func run() async throws {
        await ServiceShutdown.wait()
        do {
            try await store.close()
            logger.info("database closed", metadata: ["database": "\(store.location)"])
        } catch {
            logger.error("closing the database failed: \(error)")
        }
    }
}
