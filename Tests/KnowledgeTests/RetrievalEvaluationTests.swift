import Foundation
import Testing
@testable import Knowledge

@Suite struct RetrievalEvaluationTests {
    @Test func suite_loads_andNamesOnlyKnownExercises() throws {
        let suite = try RetrievalEvaluation.load(from: retrievalSuiteFile)
        #expect(suite.cases.count >= 60)
        #expect(suite.k == 5)
        #expect(suite.unknownIDs(in: realKnowledgeBase) == [])
    }

    @Test func evaluation_reportsRecallAndMRR_perMode() throws {
        let scores = try RetrievalEvaluation.evaluate(suite: retrievalSuiteFile, knowledgeDirectory: knowledgeDirectory,
                                                      embedder: HashingEmbedder())
        #expect(scores.map(\.mode) == [.bm25, .dense, .hybrid])
        for s in scores {
            print("retrieval (hashing test embedder, knowledge base only): \(s)")
            #expect((0...1).contains(s.recallAtK) && (0...1).contains(s.mrr))
        }
        // BM25 alone must already find most user phrasings; the real encoder is measured by the lead.
        let bm25 = try #require(scores.first)
        #expect(bm25.recallAtK >= 0.5, "BM25 misses: \(bm25.misses)")
    }

    @Test func metrics_areComputedAsDefined() throws {
        let index = try KnowledgeIndex(path: nil, knowledgeBase: realKnowledgeBase, embedder: HashingEmbedder())
        let suite = RetrievalEvaluation(k: 5, cases: [
            .init(query: "Barbell Back Squat", expected: ["barbell-back-squat"]),
            .init(query: "zzzz qqqq", expected: ["plank"]),
        ])
        let s = try #require(try suite.run(on: index, modes: [.bm25]).first)
        #expect(s.recallAtK == 0.5)
        #expect(s.mrr == 0.5)
        #expect(s.misses == ["zzzz qqqq"])
    }

    @Test func load_whenAQueryHasNoExpectedIDs_namesTheField() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("retrieval.yaml")
        try "queries:\n  - query: something\n".write(to: file, atomically: true, encoding: .utf8)
        let error = try #require(throws: KnowledgeError.self) { try RetrievalEvaluation.load(from: file) }
        #expect(error.field == "queries[0].expected")
    }
}
