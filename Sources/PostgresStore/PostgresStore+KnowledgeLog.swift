import Foundation
import PostgresNIO
import Store

/// The knowledge log on PostgreSQL, shared by every daemon on the database.
///
/// - Appends take a transaction-scoped advisory lock (`knowledgeLogLock`) before drawing the
///   sequence, so sequences are committed in order: a follower that has applied change N never
///   later finds a committed change below N.
/// - Each append sends `NOTIFY spotter_knowledge` with the sequence as payload; PostgreSQL
///   delivers it at commit, to every listening daemon.
extension PostgresStore {
    /// The advisory lock key serialising knowledge-log appends ("spotknow" in ASCII).
    static let knowledgeLogLock: Int64 = 0x73_70_6f_74_6b_6e_6f_77
    /// The LISTEN/NOTIFY channel of the knowledge log.
    public static let knowledgeChannel = "spotter_knowledge"

    public var engine: String { "postgresql" }

    public func appendKnowledgeChange(kind: KnowledgeLogEntry.Kind, payload: String, at date: Date) async throws -> Int64 {
        try await write { conn in
            try await conn.query("SELECT pg_advisory_xact_lock(\(Self.knowledgeLogLock))", logger: logger)
            let rows = try await conn.query("""
                INSERT INTO knowledge_changes (kind, payload, recorded_at)
                VALUES (\(kind.rawValue), \(payload), \(date.timeIntervalSince1970)) RETURNING sequence
                """, logger: logger)
            guard let sequence = try await rows.first(Int64.self) else {
                throw StoreError(.database, "PostgreSQL returned no sequence for the knowledge change")
            }
            try await conn.query("SELECT pg_notify(\(Self.knowledgeChannel), \(String(sequence)))", logger: logger)
            return sequence
        }
    }

    public func knowledgeChanges(after sequence: Int64, limit: Int) async throws -> [KnowledgeLogEntry] {
        try await read { conn in
            var out: [KnowledgeLogEntry] = []
            for try await (seq, kind, payload, recorded) in try await conn.query("""
                SELECT sequence, kind, payload, recorded_at FROM knowledge_changes
                WHERE sequence > \(sequence) ORDER BY sequence LIMIT \(min(max(limit, 1), 1000))
                """, logger: logger).decode((Int64, String, String, Double).self) {
                guard let k = KnowledgeLogEntry.Kind(rawValue: kind) else {
                    throw StoreError(.database, "knowledge change \(seq) has the unknown kind '\(kind)'; is a newer Spotter writing to this database?")
                }
                out.append(KnowledgeLogEntry(sequence: seq, kind: k, payload: payload, recordedAt: Date(timeIntervalSince1970: recorded)))
            }
            return out
        }
    }

    /// `LISTEN spotter_knowledge` on a connection of its own (held from the pool) until the task
    /// is cancelled; `onChange` runs once listening starts (a change may have been missed before)
    /// and on every notification. Throws when the connection breaks; the caller retries.
    public func watchKnowledgeChanges(_ onChange: @escaping @Sendable () -> Void) async throws {
        do {
            try await client.withConnection { conn in
                try await conn.listen(on: Self.knowledgeChannel) { notifications in
                    onChange()
                    for try await _ in notifications { onChange() }
                }
            }
        } catch {
            throw translate(error)
        }
    }
}
