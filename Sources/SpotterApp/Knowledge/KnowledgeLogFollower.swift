import Foundation
import Knowledge
import Logging
import Store

/// Keeps this daemon's knowledge index (local, derived data) in step with the shared knowledge
/// log in the store: `catchUp()` applies, in sequence order, every change after the one the
/// index last applied. It is called by `KnowledgeLogFollowerService` (on start-up, on each
/// notification, on each poll) and by `KnowledgeChanges` right after an operator's change
/// commits, so all changes reach the index through this one path.
///
/// Applying is idempotent (the index records the applied sequence in the same transaction as the
/// change and skips what it has seen), so concurrent or repeated catch-ups are harmless. A change
/// that fails to apply stays unapplied and is retried by the next catch-up; later changes wait
/// behind it, so the index never skips one.
public actor KnowledgeLogFollower {
    let store: any RecordStore
    let index: Loadable<KnowledgeIndex>
    let logger: Logger
    /// The outcomes of the most recent changes this daemon applied, so that the request that
    /// made a change can report it even when a notification got it applied first.
    private var recent: [Int64: KnowledgeEdit.Outcome] = [:]
    private static let recentLimit = 64
    /// Changes fetched from the store per read.
    static let batch = 50

    public init(store: any RecordStore, index: Loadable<KnowledgeIndex>, logger: Logger) {
        self.store = store
        self.index = index
        self.logger = logger
    }

    /// Applies every logged change after the index's applied sequence; returns how many it
    /// applied. Throws `SpotterAppError(.loading)` while the index is still being built, the
    /// store's error when the log cannot be read, and `KnowledgeError` when a change cannot be
    /// applied (it is retried next time).
    @discardableResult
    public func catchUp() async throws -> Int {
        let index = try index.current()
        var applied = 0
        while true {
            let after = try index.appliedChangeSequence()
            let changes = try await store.knowledgeChanges(after: after, limit: Self.batch)
            if changes.isEmpty { return applied }
            for change in changes {
                let edit: KnowledgeEdit
                do {
                    edit = try KnowledgeEdit(kind: change.kind.rawValue, payload: change.payload)
                } catch {
                    logger.error("knowledge change cannot be read; the follower waits on it", metadata: [
                        "sequence": "\(change.sequence)", "error": "\(error)"])
                    throw error
                }
                guard let outcome = try index.apply(edit, sequence: change.sequence) else { continue }
                applied += 1
                remember(outcome, for: change.sequence)
                log(outcome, of: change)
            }
        }
    }

    /// The outcome of change `sequence` if this daemon applied it recently.
    public func outcome(of sequence: Int64) -> KnowledgeEdit.Outcome? {
        recent[sequence]
    }

    private func remember(_ outcome: KnowledgeEdit.Outcome, for sequence: Int64) {
        recent[sequence] = outcome
        if recent.count > Self.recentLimit, let oldest = recent.keys.min() { recent[oldest] = nil }
    }

    private func log(_ outcome: KnowledgeEdit.Outcome, of change: KnowledgeLogEntry) {
        let lag = String(format: "%.3f", Date().timeIntervalSince(change.recordedAt))
        var metadata: Logger.Metadata = ["sequence": "\(change.sequence)", "kind": "\(change.kind.rawValue)", "lag_seconds": "\(lag)"]
        switch outcome {
        case .imported(let r):
            metadata["added"] = "\(r.added)"
            metadata["merged"] = "\(r.merged)"
            metadata["skipped"] = "\(r.skipped)"
        case .removed(let r):
            metadata["id"] = "\(r.id)"
            metadata["document_removed"] = "\(r.documentRemoved)"
        case .unchanged(let e):
            metadata["unchanged"] = "\(e.message)"
        }
        logger.info("applied knowledge change", metadata: metadata)
    }
}
