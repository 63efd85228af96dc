import Foundation
import GRDB

/// The knowledge log on SQLite. One daemon owns the file (the data directory's lock), so the
/// log has no other writer to wait for: there are no notifications, and the follower's poll
/// only catches a change whose local apply failed.
extension SpotterStore {
    /// Appends a change in its own transaction and returns its sequence once committed.
    public func appendKnowledgeChange(kind: KnowledgeLogEntry.Kind, payload: String, at date: Date) async throws -> Int64 {
        try await writer.write { db in
            try db.execute(sql: "INSERT INTO knowledge_changes (kind, payload, recorded_at) VALUES (?, ?, ?)",
                           arguments: [kind.rawValue, payload, date.timeIntervalSince1970])
            return db.lastInsertedRowID
        }
    }

    /// The changes after `sequence`, oldest first, at most `limit` (clamped to 1–1000).
    public func knowledgeChanges(after sequence: Int64, limit: Int) async throws -> [KnowledgeLogEntry] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT sequence, kind, payload, recorded_at FROM knowledge_changes
                WHERE sequence > ? ORDER BY sequence LIMIT ?
                """, arguments: [sequence, min(max(limit, 1), 1000)]).map { row in
                let kind: String = row["kind"]
                guard let k = KnowledgeLogEntry.Kind(rawValue: kind) else {
                    throw StoreError(.database, "knowledge change \(row["sequence"] as Int64) has the unknown kind '\(kind)'; is a newer Spotter writing to this database?")
                }
                return KnowledgeLogEntry(sequence: row["sequence"], kind: k, payload: row["payload"],
                                         recordedAt: Date(timeIntervalSince1970: row["recorded_at"]))
            }
        }
    }
}
