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
        do {
            return try database.writeWithoutTransaction { db in
                var working = state.withLock { $0 }
                var report = ImportReport()
                try db.inTransaction {
                    report = try Self.apply(items, record: true, embedder: embedder, state: &working, db)
                    let hash = try Self.contentHash(knowledgeBase: knowledgeBase, embedder: embedder, db)
                    try Self.setMeta("content_hash", hash, db)
                    return .commit
                }
                let committed = working
                state.withLock { $0 = committed }
                return report
            }
        } catch let error as KnowledgeError {
            throw error
        } catch {
            throw KnowledgeError(.index, "the import failed and was rolled back: \(error)")
        }
    }
}
