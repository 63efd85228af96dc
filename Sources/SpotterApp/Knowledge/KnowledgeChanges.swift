import Foundation
import Knowledge
import Store

/// The operator's changes to the shared knowledge base (the admin socket's import and removal):
/// each is validated, committed to the store's knowledge log (shared by every daemon on the
/// database), then applied to this daemon's index through the `KnowledgeLogFollower`, which
/// applies any earlier change first, so every index sees the same changes in the same order.
///
/// The answer is sent after both steps. When the change committed but this daemon's index failed
/// to apply it, the request fails with a message saying so; the change is not lost: the
/// follower retries it on its next poll, and every other daemon applies it too.
public struct KnowledgeChanges: Sendable {
    let store: any RecordStore
    let follower: KnowledgeLogFollower

    public init(store: any RecordStore, follower: KnowledgeLogFollower) {
        self.store = store
        self.follower = follower
    }

    /// Imports already-parsed exercises (see `FreeExerciseDB.parse`); the report is this
    /// daemon's (added, merged, skipped), the same on every daemon that applies the change.
    public func importExercises(_ items: [ImportedExercise]) async throws -> Knowledge.ImportReport {
        _ = try follower.index.current()  // 503 while the index is still being built
        switch try await record(.importExercises(items)) {
        case .imported(let report): return report
        case .removed, .unchanged: throw KnowledgeError(.index, "the import was applied as another kind of change")
        }
    }

    /// Removes what imports put under `id`; `.notFound` and `.curated` are refused before anything
    /// is recorded.
    public func removeImported(id: String) async throws -> RemovalReport {
        let index = try follower.index.current()
        try await follower.catchUp()  // an id imported through another daemon may not be here yet
        try index.checkRemovable(id: id)
        switch try await record(.removeImported(id: id)) {
        case .removed(let report): return report
        case .unchanged(let error): throw error  // removed meanwhile through another daemon
        case .imported: throw KnowledgeError(.index, "the removal was applied as another kind of change")
        }
    }

    /// Commits `edit` to the log, then catches this daemon's index up to it.
    func record(_ edit: KnowledgeEdit) async throws -> KnowledgeEdit.Outcome {
        let kind: KnowledgeLogEntry.Kind = switch edit {
        case .importExercises: .importExercises
        case .removeImported: .removeImported
        }
        let sequence = try await store.appendKnowledgeChange(kind: kind, payload: try edit.payload())
        do {
            try await follower.catchUp()
        } catch {
            throw KnowledgeError(.index, "the change is recorded in the shared knowledge log (change \(sequence)) but applying it to this daemon's index failed: \(error); it is retried within seconds")
        }
        guard let outcome = await follower.outcome(of: sequence) else {
            throw KnowledgeError(.index, "the change is recorded in the shared knowledge log (change \(sequence)) but this daemon has no outcome for it; search to check it")
        }
        return outcome
    }
}
