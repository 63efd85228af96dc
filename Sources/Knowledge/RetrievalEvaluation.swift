import Foundation
import Yams

// evals/retrieval.yaml (documented in its own header):
//
//   k: 5                       # optional cut-off for recall@k, default 5
//   queries:
//     - query: "knee-friendly quad exercise"     # as a user would type it
//       expected: [leg-extension, spanish-squat]  # knowledge-base exercise ids; any is a hit
//       muscles: [quadriceps]                     # optional filters, as in SearchQuery
//       equipment: [dumbbell]

/// Retrieval quality of an index on a set of labelled queries: recall@k and MRR per mode.
///
/// ```swift
/// let eval = try RetrievalEvaluation.load(from: URL(fileURLWithPath: "evals/retrieval.yaml"))
/// for score in try eval.run(on: index) { print(score) }
/// ```
public struct RetrievalEvaluation: Sendable {
    /// One labelled query.
    public struct Case: Sendable, Hashable {
        public var query: String
        public var expected: [String]
        public var muscles: Set<Muscle>
        public var equipment: Set<Equipment>
        public init(query: String, expected: [String], muscles: Set<Muscle> = [], equipment: Set<Equipment> = []) {
            self.query = query
            self.expected = expected
            self.muscles = muscles
            self.equipment = equipment
        }
    }

    /// The figures for one search mode.
    public struct Score: Sendable, Hashable, Codable, CustomStringConvertible {
        public var mode: SearchMode
        public var k: Int
        /// Mean over queries of |expected ∩ top-k| / |expected|.
        public var recallAtK: Double
        /// Mean reciprocal rank of the first expected id within the top `k * 4` (0 if absent).
        public var mrr: Double
        /// Queries whose top-k held none of the expected ids.
        public var misses: [String]

        public var description: String {
            mode.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
                + "  recall@\(k) " + String(format: "%.3f", recallAtK) + "  MRR " + String(format: "%.3f", mrr)
                + "  (\(misses.count) queries with no relevant hit in the top \(k))"
        }
    }

    public var k: Int
    public var cases: [Case]

    public init(k: Int = 5, cases: [Case]) {
        self.k = k
        self.cases = cases
    }

    /// Loads and validates a retrieval suite; errors name the file and field.
    public static func load(from url: URL) throws -> RetrievalEvaluation {
        let file = url.lastPathComponent
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw KnowledgeError(.missingFile, file: url.path, "cannot read the retrieval suite: \(error.localizedDescription)")
        }
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch {
            throw KnowledgeError(.invalidData, file: file, "not valid YAML: \(error)")
        }
        let root = try YAMLFields(file: file, path: "", node: node)
        try root.rejectUnknownKeys(["k", "queries"])
        let k = root.mapping["k"] == nil ? 5 : try root.int("k", range: 1...100)
        let cases = try root.objects("queries", minCount: 1).map { f in
            try f.rejectUnknownKeys(["query", "expected", "muscles", "equipment"])
            return Case(query: try f.string("query"), expected: try f.strings("expected", minCount: 1),
                        muscles: Set(try f.enumValues("muscles", as: Muscle.self)),
                        equipment: Set(try f.enumValues("equipment", as: Equipment.self)))
        }
        return RetrievalEvaluation(k: k, cases: cases)
    }

    /// Ids named by the suite that the knowledge base does not have (a suite error).
    public func unknownIDs(in knowledgeBase: KnowledgeBase) -> [String] {
        let ids = Set(knowledgeBase.exercises.map(\.id))
        return Array(Set(cases.flatMap(\.expected)).subtracting(ids)).sorted()
    }

    /// Runs every case against `index` in each mode, searching exercises only.
    public func run(on index: KnowledgeIndex, modes: [SearchMode] = SearchMode.allCases) throws -> [Score] {
        try modes.map { mode in
            var recall = 0.0, rr = 0.0
            var misses: [String] = []
            for c in cases {
                let hits = try index.search(SearchQuery(c.query, mode: mode, limit: k * 4, kinds: [.exercise],
                                                        muscles: c.muscles, equipment: c.equipment)).map(\.id)
                let expected = Set(c.expected)
                let top = hits.prefix(k)
                let found = top.filter(expected.contains).count
                recall += Double(found) / Double(expected.count)
                if found == 0 { misses.append(c.query) }
                if let rank = hits.firstIndex(where: expected.contains) { rr += 1 / Double(rank + 1) }
            }
            let n = Double(cases.count)
            return Score(mode: mode, k: k, recallAtK: recall / n, mrr: rr / n, misses: misses)
        }
    }
}
