import Foundation
import Logging
import PostgresNIO
import Store
import Synchronization

/// Spotter's records in PostgreSQL, so that several daemons (one per app server) share one
/// database: the same `RecordStore` as the embedded `SpotterStore`, with the same guarantees.
///
/// - A write returns only after its `COMMIT` (PostgreSQL's default `synchronous_commit=on`:
///   the commit is on disk before it is acknowledged).
/// - A workout write is one prepared `CALL` that writes and commits (`PostgresStore+WorkoutRows.swift`):
///   the session goes in with `ON CONFLICT DO NOTHING` on its dedupe index, and its
///   `Idempotency-Key` is claimed in the same statement with `INSERT … ON CONFLICT DO NOTHING`
///   on the `(user_id, key)` primary key, so concurrent retries through any number of daemons
///   write once: the loser waits for the winner's commit on the index, then replays it.
/// - A duplicate session (same user, start time, source) is refused by the unique index,
///   never by check-then-insert.
/// - An import is one transaction.
/// - The schema comes from frozen migrations (`PostgresStore+Migrations.swift`), applied under a
///   transaction-scoped `pg_advisory_xact_lock`, so daemons starting together apply them once.
/// - Every value is a bound parameter: `PostgresQuery` string interpolation binds, never splices.
///
/// The connection pool (`PostgresClient`) runs in a task the store owns from `open` to `close()`.
///
/// ```swift
/// let store = try await PostgresStore.open(PostgresStore.Configuration(url: "postgres://spotter@db/spotter", password: pw))
/// try await store.saveUser(UserProfile(id: "ana"))
/// try await store.close()
/// ```
public final class PostgresStore: RecordStore {
    /// The URL without any password.
    public let location: String
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>
    /// Each user's weight unit as last seen by a write (`saveWorkout(user:idempotencyKey:requestHash:building:)`).
    let knownUnits = Mutex<[String: WeightUnit]>([:])

    private init(client: PostgresClient, location: String, logger: Logger, runner: Task<Void, Never>) {
        self.client = client
        self.location = location
        self.logger = logger
        self.runner = runner
    }

    /// Connects (a pool of up to `configuration.maximumConnections`), checks that the server
    /// answers, and applies the migrations, within `configuration.startupTimeout`. Throws
    /// `StoreError(.database)` saying what failed.
    public static func open(_ configuration: Configuration, logger: Logger = Logger(label: "spotter.postgres")) async throws -> PostgresStore {
        let client = PostgresClient(configuration: configuration.clientConfiguration, backgroundLogger: logger)
        // The pool serves leases only while `run()` runs: start it, and let it begin (its first
        // step marks the client running) before the first query, which else logs a warning.
        let (started, signal) = AsyncStream<Void>.makeStream()
        let runner = Task {
            signal.finish()
            await client.run()
        }
        for await _ in started {}
        try? await Task.sleep(for: .milliseconds(2))
        let store = PostgresStore(client: client, location: configuration.redactedURL, logger: logger, runner: runner)
        do {
            // The pool retries connecting forever; start-up gives up after `startupTimeout`.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await store.migrate() }
                group.addTask {
                    try await Task.sleep(for: configuration.startupTimeout)
                    throw StoreError(.database, "cannot reach PostgreSQL at \(configuration.redactedURL) within \(configuration.startupTimeout); is the server up, and the URL right?")
                }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            try? await store.close()
            throw store.translate(error)
        }
        return store
    }

    /// The number of applied migrations.
    public func schemaVersion() async throws -> Int {
        try await read { conn in
            let rows = try await conn.query("SELECT count(*) FROM spotter_migrations", logger: self.logger)
            for try await count in rows.decode(Int.self) { return count }
            return 0
        }
    }

    /// Closes the pool's connections. Further calls fail.
    public func close() async throws {
        runner.cancel()
        await runner.value
    }

    deinit { runner.cancel() }
}
