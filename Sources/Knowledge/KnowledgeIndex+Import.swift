import Foundation
import GRDB

extension KnowledgeIndex {
    /// Imports a free-exercise-db `exercises.json` (see `FreeExerciseDB`).
    ///
    /// Exercises the knowledge base already has are merged (their names become aliases), the
    /// rest are added; importing the same file again adds nothing. The whole import is one
    /// transaction: on error nothing changes.
    public func importFreeExerciseDB(contentsOf url: URL) throws -> ImportReport {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw KnowledgeError(.missingFile, file: url.path, "cannot read the file: \(error.localizedDescription)")
        }
        return try importExercises(FreeExerciseDB.parse(data, file: url.lastPathComponent))
    }

    /// Imports already-parsed external exercises; see `importFreeExerciseDB(contentsOf:)`.
    ///
    /// Imports are serialised by the database writer; searches keep running on the previous
    /// in-memory state until the import's transaction has committed, then see all of it.
    public func importExercises(_ items: [ImportedExercise]) throws -> ImportReport {
        try mutate(during: "the import") { state, db in
            try Self.apply(items, record: true, embedder: embedder, state: &state, db)
        }
    }

    /// Runs `change` on a copy of the in-memory state inside one transaction that also refreshes
    /// the index's content hash; the copy replaces the state only after the commit, so searches
    /// see all of a change or none of it. Shared by imports and removals.
    func mutate<Report>(during action: String, _ change: (inout State, Database) throws -> Report) throws -> Report {
        do {
            return try database.writeWithoutTransaction { db in
                var working = state.withLock { $0 }
                var report: Report?
                try db.inTransaction {
                    report = try change(&working, db)
                    try Self.setMeta("content_hash", try Self.contentHash(knowledgeBase: knowledgeBase, embedder: embedder, db), db)
                    return .commit
                }
                let committed = working
                state.withLock { $0 = committed }
                return report!
            }
        } catch let error as KnowledgeError {
            throw error
        } catch {
            throw KnowledgeError(.index, "\(action) failed and was rolled back: \(error)")
        }
    }
}
