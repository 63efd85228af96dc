import Foundation
import Knowledge
import TextEmbedding

/// Knowledge-base figures with the production encoder: index build time for `knowledge/`,
/// free-exercise-db import time, and search latency p50/p99 for BM25, dense and hybrid over the
/// resulting 1,000+ documents (queries from `evals/retrieval.yaml`), plus recall@5/MRR.
enum KnowledgeBench {
    static func run(queries: Int) async throws {
        let encoder = try SentenceEncoder(modelDirectory: "models/all-MiniLM-L6-v2")
        let base = try KnowledgeBase.load(directory: URL(fileURLWithPath: "knowledge"))
        var start = ContinuousClock.now
        let index = try KnowledgeIndex(path: nil, knowledgeBase: base, embedder: encoder)
        print(String(format: "index build: %d documents in %.2f s", index.documentCount, (ContinuousClock.now - start).seconds))
        start = ContinuousClock.now
        let report = try index.importFreeExerciseDB(contentsOf: URL(fileURLWithPath: "../shared/data/free-exercise-db/exercises.json"))
        print(String(format: "free-exercise-db import: %d added, %d merged in %.2f s → %d documents",
                     report.added, report.merged, (ContinuousClock.now - start).seconds, index.documentCount))
        let suite = try RetrievalEvaluation.load(from: URL(fileURLWithPath: "evals/retrieval.yaml"))
        for mode in SearchMode.allCases {
            var samples: [Duration] = []
            for i in 0..<queries {
                let text = suite.cases[i % suite.cases.count].query
                let t = ContinuousClock.now
                _ = try index.search(SearchQuery(text, mode: mode, limit: 5))
                samples.append(ContinuousClock.now - t)
            }
            print(LatencySummary(samples: samples, wall: samples.reduce(.zero, +)).line("search \(mode.rawValue)", concurrency: 1))
        }
        for score in try suite.run(on: index) { print("retrieval with the import: \(score)") }
    }
}
