import Foundation
import Testing
@testable import Knowledge

@Suite struct IndexRebuildTests {
    @Test func index_rebuildsOnlyWhenContentOrEmbedderChanges() throws {
        let dir = try copyOfKnowledge()
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let path = dir.deletingLastPathComponent().appendingPathComponent("index.sqlite").path
        let kb = try KnowledgeBase.load(directory: dir)

        let first = CountingEmbedder()
        let built = try KnowledgeIndex(path: path, knowledgeBase: kb, embedder: first)
        #expect(built.buildInfo.rebuilt)
        #expect(first.count == kb.exercises.count + kb.principles.count + kb.templates.count)
        let hash = try built.storedContentHash()

        // Same content, same embedder: nothing is embedded again.
        let second = CountingEmbedder()
        let reopened = try KnowledgeIndex(path: path, knowledgeBase: kb, embedder: second)
        #expect(!reopened.buildInfo.rebuilt)
        #expect(second.count == 0)
        #expect(reopened.documentCount == built.documentCount)
        #expect(try reopened.storedContentHash() == hash)
        #expect(try reopened.search(SearchQuery("goblet squat", mode: .hybrid, limit: 1)).first?.id == "goblet-squat")

        // A different embedder identity rebuilds.
        let other = try KnowledgeIndex(path: path, knowledgeBase: kb, embedder: HashingEmbedder(identity: "other-model"))
        #expect(other.buildInfo.rebuilt)

        // An edited knowledge file rebuilds.
        let file = dir.appendingPathComponent("principles/training.yaml")
        try (try String(contentsOf: file, encoding: .utf8) + "\n# edited\n").write(to: file, atomically: true, encoding: .utf8)
        let edited = try KnowledgeBase.load(directory: dir)
        let afterEdit = try KnowledgeIndex(path: path, knowledgeBase: edited, embedder: HashingEmbedder(identity: "other-model"))
        #expect(afterEdit.buildInfo.rebuilt)
    }

    @Test func imports_surviveReopenAndRebuild() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("index.sqlite").path
        let index = try KnowledgeIndex(path: path, knowledgeBase: realKnowledgeBase, embedder: HashingEmbedder())
        let report = try index.importFreeExerciseDB(contentsOf: freeExerciseDBFile)
        let count = index.documentCount

        // Reopening after an import is not a rebuild: the import is part of the stored hash.
        let counting = CountingEmbedder()
        let reopened = try KnowledgeIndex(path: path, knowledgeBase: realKnowledgeBase, embedder: counting)
        #expect(!reopened.buildInfo.rebuilt)
        #expect(counting.count == 0)
        #expect(reopened.documentCount == count)
        #expect(try reopened.importFreeExerciseDB(contentsOf: freeExerciseDBFile).skipped == 873)

        // A rebuild (new embedder) replays the import log: same documents, same merges.
        let rebuilt = try KnowledgeIndex(path: path, knowledgeBase: realKnowledgeBase, embedder: HashingEmbedder(identity: "v2"))
        #expect(rebuilt.buildInfo.rebuilt)
        #expect(rebuilt.documentCount == count)
        #expect(try rebuilt.exerciseNameMatcher(embedding: false).matchLexically("Barbell Squat").id == "barbell-back-squat")
        #expect(report.added == count - (realKnowledgeBase.exercises.count + realKnowledgeBase.principles.count + realKnowledgeBase.templates.count))
    }
}

@Suite struct IndexConcurrencyTests {
    @Test func searches_duringAnImport_seeEitherTheOldOrTheNewIndex() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let index = try KnowledgeIndex(path: dir.appendingPathComponent("index.sqlite").path,
                                       knowledgeBase: realKnowledgeBase, embedder: HashingEmbedder())
        let before = index.documentCount
        let counts = try await withThrowingTaskGroup(of: [Int].self) { group in
            group.addTask { _ = try index.importFreeExerciseDB(contentsOf: freeExerciseDBFile); return [] }
            group.addTask {
                var seen: [Int] = []
                for _ in 0..<40 {
                    let hits = try index.search(SearchQuery("zercher squat", mode: .hybrid, limit: 5))
                    #expect(hits.count == 5)
                    seen.append(index.documentCount)
                    await Task.yield()
                }
                return seen
            }
            var all: [Int] = []
            for try await c in group { all += c }
            return all
        }
        let after = index.documentCount
        #expect(after > before)
        #expect(counts.allSatisfy { $0 == before || $0 == after })
        #expect(try index.search(SearchQuery("Zercher Squats", mode: .bm25, limit: 1)).first?.source == "free-exercise-db")
    }
}
