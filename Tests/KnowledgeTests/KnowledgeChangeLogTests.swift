import Foundation
import Testing
@testable import Knowledge

/// Replaying the shared knowledge log into a local index (issue #16 item 2): each change applies
/// once, in order, and the index remembers the last one across restarts.
@Suite struct KnowledgeChangeLogTests {
    static func items() throws -> [ImportedExercise] { try FreeExerciseDB.parse(KnowledgeRemovalTests.file) }

    static func bm25(_ index: KnowledgeIndex, _ q: String) throws -> [String] {
        try index.search(SearchQuery(q, mode: .bm25, limit: 5)).map(\.id)
    }

    @Test func apply_importThenRemoval_changesSearch_andRecordsTheSequence() throws {
        let index = try KnowledgeIndex(path: nil, knowledgeBase: realKnowledgeBase, embedder: HashingEmbedder())
        #expect(try index.appliedChangeSequence() == 0)
        guard case .imported(let report)? = try index.apply(.importExercises(try Self.items()), sequence: 3) else {
            Issue.record("the import did not apply"); return
        }
        #expect(report.added == 1 && report.merged == 1)
        #expect(try Self.bm25(index, "Zorblax").first == "zorblax-press")
        #expect(try index.appliedChangeSequence() == 3)
        guard case .removed(let removal)? = try index.apply(.removeImported(id: "zorblax-press"), sequence: 7) else {
            Issue.record("the removal did not apply"); return
        }
        #expect(removal.documentRemoved)
        #expect(try Self.bm25(index, "Zorblax").isEmpty)
        #expect(try index.appliedChangeSequence() == 7)
    }

    @Test func apply_aSequenceAlreadyApplied_changesNothing() throws {
        let index = try KnowledgeIndex(path: nil, knowledgeBase: realKnowledgeBase, embedder: HashingEmbedder())
        _ = try index.apply(.importExercises(try Self.items()), sequence: 5)
        _ = try index.apply(.removeImported(id: "zorblax-press"), sequence: 6)
        let count = index.documentCount
        #expect(try index.apply(.importExercises(try Self.items()), sequence: 5) == nil)
        #expect(try index.apply(.importExercises(try Self.items()), sequence: 6) == nil)
        #expect(index.documentCount == count)
        #expect(try Self.bm25(index, "Zorblax").isEmpty, "the replayed import did not bring the removed exercise back")
    }

    @Test func apply_removalOfAnUnknownOrCuratedID_isUnchanged_andStillRecorded() throws {
        let index = try KnowledgeIndex(path: nil, knowledgeBase: realKnowledgeBase, embedder: HashingEmbedder())
        guard case .unchanged(let unknown)? = try index.apply(.removeImported(id: "no-such-id"), sequence: 1) else {
            Issue.record("expected .unchanged"); return
        }
        #expect(unknown.code == .notFound)
        guard case .unchanged(let curated)? = try index.apply(.removeImported(id: "barbell-bench-press"), sequence: 2) else {
            Issue.record("expected .unchanged"); return
        }
        #expect(curated.code == .curated)
        #expect(try index.appliedChangeSequence() == 2)
        #expect(try Self.bm25(index, "bench press").contains("barbell-bench-press"))
    }

    @Test func checkRemovable_refusesUnknownAndCuratedIDs_withoutChangingAnything() throws {
        let index = try KnowledgeIndex(path: nil, knowledgeBase: realKnowledgeBase, embedder: HashingEmbedder())
        #expect(throws: KnowledgeError.self) { try index.checkRemovable(id: "no-such-id") }
        #expect(throws: KnowledgeError.self) { try index.checkRemovable(id: "barbell-bench-press") }
        _ = try index.apply(.importExercises(try Self.items()), sequence: 1)
        try index.checkRemovable(id: "zorblax-press")
        try index.checkRemovable(id: "barbell-back-squat")  // curated, with an imported alias
        #expect(try Self.bm25(index, "Zorblax").first == "zorblax-press")
    }

    @Test func appliedSequence_survivesReopening_andADeletedIndexStartsFromZero() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("knowledge.sqlite").path
        do {
            let index = try KnowledgeIndex(path: path, knowledgeBase: realKnowledgeBase, embedder: HashingEmbedder())
            _ = try index.apply(.importExercises(try Self.items()), sequence: 4)
        }
        let reopened = try KnowledgeIndex(path: path, knowledgeBase: realKnowledgeBase, embedder: HashingEmbedder())
        #expect(try reopened.appliedChangeSequence() == 4)
        #expect(try Self.bm25(reopened, "Zorblax").first == "zorblax-press")
        let fresh = try KnowledgeIndex(path: dir.appendingPathComponent("other.sqlite").path, knowledgeBase: realKnowledgeBase,
                                       embedder: HashingEmbedder())
        #expect(try fresh.appliedChangeSequence() == 0)
    }

    @Test func edit_payloadRoundTrips_andUnknownKindsAreRefused() throws {
        let items = try Self.items()
        let edit = KnowledgeEdit.importExercises(items)
        #expect(try KnowledgeEdit(kind: edit.kind, payload: try edit.payload()) == edit)
        let removal = KnowledgeEdit.removeImported(id: "zorblax-press")
        #expect(try KnowledgeEdit(kind: removal.kind, payload: try removal.payload()) == removal)
        #expect(throws: KnowledgeError.self) { try KnowledgeEdit(kind: "rename", payload: "x") }
        #expect(throws: KnowledgeError.self) { try KnowledgeEdit(kind: "import", payload: "not json") }
    }
}
