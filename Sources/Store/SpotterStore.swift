import Foundation
import GRDB

/// Spotter's database: users, workouts, check-ins, conversations, feedback and idempotency keys,
/// behind intent-named methods (`saveWorkout(_:user:)`, `deleteUser(id:)`, ...).
///
/// On disk it is one SQLite file, `spotter.sqlite`, in the data directory, opened as a GRDB
/// `DatabasePool` (WAL journal, one writer, concurrent readers) with `synchronous=FULL`, so a
/// write that returned has reached the disk. `open(directory:)` reads both settings back and
/// refuses to start if SQLite did not apply them. The schema is created by frozen migrations in
/// `SpotterStore+Migrations.swift`. All values crossing the API are `Sendable` structs; GRDB
/// rows never leave a `read {}`/`write {}` closure.
///
/// ```swift
/// let store = try SpotterStore.open(directory: URL(filePath: ".spotter"))
/// try await store.saveUser(UserProfile(id: "ana", units: .kg))
/// ```
/// Tests inject an in-memory `DatabaseQueue()` through `init(writer:)`.
public final class SpotterStore: Sendable {
    /// The database connection(s). Exposed for other modules' tables (knowledge, evals) that
    /// add their own migrations; prefer the intent-named methods.
    public let writer: any DatabaseWriter
    /// The database file, or `nil` when in memory.
    public let path: String?
    /// The data directory's lock (`open(directory:)` only), released by `close()`.
    private let lock: DataDirectoryLock?

    /// The file name inside the data directory.
    public static let fileName = "spotter.sqlite"

    /// Wraps an open database and applies the migrations.
    public convenience init(writer: any DatabaseWriter, path: String? = nil) throws {
        try self.init(writer: writer, path: path, lock: nil)
    }

    private init(writer: any DatabaseWriter, path: String?, lock: DataDirectoryLock?) throws {
        self.writer = writer
        self.path = path
        self.lock = lock
        do {
            try Self.migrator.migrate(writer)
        } catch {
            throw StoreError(.database, "cannot migrate the database\(path.map { " at \($0)" } ?? ""): \(error)")
        }
    }

    /// A fresh store on an in-memory database (for tests and tools).
    public static func inMemory() throws -> SpotterStore {
        try SpotterStore(writer: DatabaseQueue())
    }

    /// Opens (creating it if needed) `fileName` (`spotter.sqlite`) in `directory` with WAL and
    /// `synchronous=FULL`, both read back and checked, and `secure_delete` (deleted rows are
    /// overwritten, not left in free pages). Takes the directory's lock first: a second daemon
    /// on the same directory gets `StoreError(.database)` naming the first one's pid.
    public static func open(directory: URL, fileName: String = SpotterStore.fileName) throws -> SpotterStore {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError(.database, "cannot create the data directory \(directory.path): \(error.localizedDescription); pass --data DIR with a writable directory")
        }
        let lock = try DataDirectoryLock(directory: directory)
        let path = directory.appendingPathComponent(fileName).path
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw StoreError(.database, "cannot open the database \(path): \(error)")
        }
        // GRDB sets synchronous=NORMAL when it enables WAL on the writer connection (after
        // `prepareDatabase`), so FULL is applied here, on the one writer connection, and read back.
        let (journal, synchronous) = try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            return (try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
             try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1)
        }
        guard journal.lowercased() == "wal" else {
            throw StoreError(.database, "the database \(path) is in journal mode '\(journal)', not WAL; is the file on a network file system?")
        }
        guard synchronous == 2 else {
            throw StoreError(.database, "SQLite did not apply synchronous=FULL to \(path) (read back \(synchronous))")
        }
        return try SpotterStore(writer: pool, path: path, lock: lock)
    }

    /// The number of the newest applied migration (1-based), for `/v1/health`.
    public func schemaVersion() async throws -> Int {
        let applied = try await writer.read { db in try Self.migrator.appliedIdentifiers(db) }
        return applied.count
    }

    /// Runs `PRAGMA integrity_check` and returns its first line (`"ok"` when healthy).
    public func integrityCheck() async throws -> String {
        try await writer.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    /// Closes the database: checkpoints the WAL into the main file and truncates it (so nothing
    /// deleted lingers there), closes the connections and releases the directory's lock.
    /// Further calls fail. Called by the daemon on shutdown.
    public func close() throws {
        defer { lock?.release() }
        if let pool = writer as? DatabasePool {
            _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try pool.close()
        } else if let queue = writer as? DatabaseQueue {
            try queue.close()
        }
    }

    /// Copies the WAL into the main file and truncates it to zero bytes, when no reader holds
    /// it (else as much as it can); best effort. Called after deletes.
    func truncateWAL() async {
        guard writer is DatabasePool else { return }
        _ = try? await writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }
}
