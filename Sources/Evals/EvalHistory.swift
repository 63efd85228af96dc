import Foundation
import GRDB

/// Eval runs stored in their own SQLite file (`evals.sqlite` in the data directory).
///
/// ## Schema (migration `v1`)
/// - `run(id TEXT PK, started_at DATETIME, finished_at DATETIME, model TEXT, backend TEXT,
///   fingerprint TEXT  -- JSON {"path": "sha256", ...} of agents.yaml, prompts/*, knowledge/*
///   suites TEXT       -- JSON {"suite": min_pass_rate}
///   pass_rate REAL, passed BOOLEAN)`
/// - `case_result(run_id TEXT → run ON DELETE CASCADE, suite TEXT, case_id TEXT, repetition INT,
///   passed BOOLEAN, score REAL, threshold REAL, message TEXT, reply TEXT, agent TEXT,
///   latency_ms REAL, error TEXT, assertions TEXT -- JSON [AssertionResult];
///   PRIMARY KEY (run_id, suite, case_id, repetition))`
public final class EvalHistory: Sendable {
    private let db: any DatabaseWriter

    /// Opens (creating if needed) the history at `path`.
    public convenience init(path: String) throws(EvalError) {
        do {
            try FileManager.default.createDirectory(
                atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
            var config = Configuration()
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try self.init(writer: DatabasePool(path: path, configuration: config))
        } catch let e as EvalError {
            throw e
        } catch {
            throw EvalError(.storage, "cannot open the eval history at \(path): \(error)")
        }
    }

    /// Uses `writer` (an in-memory `DatabaseQueue()` in tests).
    public init(writer: any DatabaseWriter) throws(EvalError) {
        db = writer
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.primaryKey("id", .text)
                t.column("started_at", .datetime).notNull()
                t.column("finished_at", .datetime).notNull()
                t.column("model", .text).notNull()
                t.column("backend", .text).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("suites", .text).notNull()
                t.column("pass_rate", .double).notNull()
                t.column("passed", .boolean).notNull()
            }
            try db.create(table: "case_result") { t in
                t.column("run_id", .text).notNull().references("run", onDelete: .cascade)
                t.column("suite", .text).notNull()
                t.column("case_id", .text).notNull()
                t.column("repetition", .integer).notNull()
                t.column("passed", .boolean).notNull()
                t.column("score", .double).notNull()
                t.column("threshold", .double).notNull()
                t.column("message", .text).notNull()
                t.column("reply", .text).notNull()
                t.column("agent", .text)
                t.column("latency_ms", .double).notNull()
                t.column("error", .text)
                t.column("assertions", .text).notNull()
                t.primaryKey(["run_id", "suite", "case_id", "repetition"])
            }
        }
        do { try migrator.migrate(writer) } catch { throw EvalError(.storage, "cannot migrate the eval history: \(error)") }
    }

    /// Stores `run` and its results in one transaction.
    public func save(_ run: RunRecord) throws(EvalError) {
        do {
            try db.write { db in
                try db.execute(
                    sql: """
                    INSERT INTO run (id, started_at, finished_at, model, backend, fingerprint, suites, pass_rate, passed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    arguments: [run.id, run.startedAt, run.finishedAt, run.model, run.backend,
                                Self.json(run.fingerprint.hashes), Self.json(run.suites), run.passRate, run.passed])
                for r in run.results {
                    try db.execute(
                        sql: """
                        INSERT INTO case_result (run_id, suite, case_id, repetition, passed, score, threshold,
                          message, reply, agent, latency_ms, error, assertions)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                        arguments: [run.id, r.suite, r.caseID, r.repetition, r.passed, r.score, r.threshold,
                                    r.message, r.reply, r.agent, r.latencyMs, r.error, Self.json(r.assertions)])
                }
            }
        } catch { throw EvalError(.storage, "cannot store eval run \(run.id): \(error)") }
    }

    /// The run whose id is `id` or starts with it (a unique prefix).
    public func run(id: String) throws(EvalError) -> RunRecord? {
        do {
            return try db.read { db in
                let ids = try String.fetchAll(db, sql: "SELECT id FROM run WHERE id = ? OR id LIKE ? ORDER BY started_at DESC",
                                              arguments: [id, "\(id)%"])
                guard let first = ids.first else { return nil }
                return try Self.load(db, id: ids.contains(id) ? id : first)
            }
        } catch { throw EvalError(.storage, "cannot read eval run \(id): \(error)") }
    }

    /// The most recent run that passed, other than `excluding`.
    public func lastPassingRun(excluding: String? = nil) throws(EvalError) -> RunRecord? {
        do {
            return try db.read { db in
                guard let id = try String.fetchOne(
                    db, sql: "SELECT id FROM run WHERE passed AND id != ? ORDER BY started_at DESC, rowid DESC LIMIT 1",
                    arguments: [excluding ?? ""]) else { return nil }
                return try Self.load(db, id: id)
            }
        } catch { throw EvalError(.storage, "cannot read the eval history: \(error)") }
    }

    /// Marks the run `id` (or unique prefix) as good, and newer than every other run for the
    /// purpose of choosing a baseline: the next runs compare with it. Returns its full id.
    @discardableResult
    public func bless(id: String) throws(EvalError) -> String {
        guard let run = try run(id: id) else {
            throw EvalError(.usage, "no stored run matches \(id); run ids are printed at the top of each report")
        }
        do {
            try db.write { db in
                let latest = try Date.fetchOne(db, sql: "SELECT MAX(started_at) FROM run") ?? run.startedAt
                // Blessing re-dates the run just after the newest one, so that it is the last good run.
                try db.execute(sql: "UPDATE run SET passed = 1, started_at = ? WHERE id = ?",
                               arguments: [max(latest, run.startedAt).addingTimeInterval(0.001), run.id])
            }
        } catch { throw EvalError(.storage, "cannot bless run \(run.id): \(error)") }
        return run.id
    }

    /// The most recent run other than `excluding`, passing or not.
    public func latestRun(excluding: String? = nil) throws(EvalError) -> RunRecord? {
        do {
            return try db.read { db in
                guard let id = try String.fetchOne(
                    db, sql: "SELECT id FROM run WHERE id != ? ORDER BY started_at DESC, rowid DESC LIMIT 1",
                    arguments: [excluding ?? ""]) else { return nil }
                return try Self.load(db, id: id)
            }
        } catch { throw EvalError(.storage, "cannot read the eval history: \(error)") }
    }

    /// The last `limit` runs, oldest first (for the pass-rate chart).
    public func recentRuns(limit: Int = 60) throws(EvalError) -> [RunSummary] {
        do {
            return try db.read { db in
                let rows = try Row.fetchAll(
                    db, sql: "SELECT id, started_at, pass_rate, passed FROM run ORDER BY started_at DESC, rowid DESC LIMIT ?",
                    arguments: [limit])
                return rows.map { RunSummary(id: $0["id"], startedAt: $0["started_at"], passRate: $0["pass_rate"], passed: $0["passed"]) }.reversed()
            }
        } catch { throw EvalError(.storage, "cannot read the eval history: \(error)") }
    }

    private static func load(_ db: Database, id: String) throws -> RunRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]) else { return nil }
        let results = try Row.fetchAll(
            db, sql: "SELECT * FROM case_result WHERE run_id = ? ORDER BY suite, case_id, repetition", arguments: [id]
        ).map { r in
            CaseResult(
                suite: r["suite"], caseID: r["case_id"], repetition: r["repetition"], passed: r["passed"],
                score: r["score"], threshold: r["threshold"], message: r["message"], reply: r["reply"],
                agent: r["agent"], latencyMs: r["latency_ms"], error: r["error"],
                assertions: (try? decode([AssertionResult].self, r["assertions"])) ?? [])
        }
        return RunRecord(
            id: row["id"], startedAt: row["started_at"], finishedAt: row["finished_at"], model: row["model"],
            backend: row["backend"],
            fingerprint: ConfigFingerprint(hashes: (try? decode([String: String].self, row["fingerprint"])) ?? [:]),
            suites: (try? decode([String: Double].self, row["suites"])) ?? [:], results: results, passed: row["passed"])
    }

    private static func json<T: Encodable>(_ v: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return String(decoding: (try? e.encode(v)) ?? Data("null".utf8), as: UTF8.self)
    }

    private static func decode<T: Decodable>(_ t: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
