import Foundation
import GRDB

/// Replaying the shared knowledge log into this (local, derived) index.
///
/// The index records in its `meta` table (`applied_change`) the sequence of the last log change
/// it applied, in the same transaction as the change, so a restart resumes after it and a fresh
/// index (a new data directory, or a schema change that dropped the tables) starts from 0 and
/// replays the whole log. A content-hash rebuild keeps `meta` and replays its own import rows.
extension KnowledgeIndex {
    static let appliedChangeKey = "applied_change"

    /// The sequence of the last shared-log change applied to this index; 0 when none.
    public func appliedChangeSequence() throws -> Int64 {
        do {
            return try database.read { db in try Self.meta(Self.appliedChangeKey, db).flatMap(Int64.init) ?? 0 }
        } catch {
            throw KnowledgeError(.index, "cannot read the index: \(error)")
        }
    }

    /// Applies change `sequence` of the shared log and records the sequence, in one transaction.
    ///
    /// Returns nil, changing nothing, when the index has already applied this sequence or a
    /// later one, so replaying a change is harmless. A removal of an unknown or curated id is
    /// `.unchanged` (and still recorded as applied): it cannot succeed on a later try either.
    public func apply(_ edit: KnowledgeEdit, sequence: Int64) throws -> KnowledgeEdit.Outcome? {
        try mutate(during: "applying knowledge change \(sequence)") { state, db -> KnowledgeEdit.Outcome? in
            let applied = try Self.meta(Self.appliedChangeKey, db).flatMap(Int64.init) ?? 0
            guard sequence > applied else { return nil }
            let outcome: KnowledgeEdit.Outcome
            switch edit {
            case .importExercises(let items):
                outcome = .imported(try Self.apply(items, record: true, embedder: embedder, state: &state, db))
            case .removeImported(let id):
                do {
                    outcome = .removed(try Self.remove(id: id, knowledgeBase: knowledgeBase, dimension: embedder.dimension,
                                                       state: &state, db))
                } catch let error as KnowledgeError where error.code == .notFound || error.code == .curated {
                    outcome = .unchanged(error)  // thrown before anything changed
                }
            }
            try Self.setMeta(Self.appliedChangeKey, String(sequence), db)
            return outcome
        }
    }
}
