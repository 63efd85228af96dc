import Foundation

extension RetrievalEvaluation {
    /// Loads the suite and the knowledge base, builds an in-memory index with `embedder` and
    /// returns recall@k and MRR for BM25, dense and hybrid: the one call that yields the
    /// retrieval figures for a given encoder.
    ///
    /// ```swift
    /// let scores = try RetrievalEvaluation.evaluate(
    ///     suite: URL(fileURLWithPath: "evals/retrieval.yaml"),
    ///     knowledgeDirectory: URL(fileURLWithPath: "knowledge"),
    ///     embedder: try SentenceEncoder(modelDirectory: modelsURL))
    /// scores.forEach { print($0) }
    /// ```
    ///
    /// - Parameter importing: an optional free-exercise-db file imported first, to measure with
    ///   the ~1,000-document index the daemon runs with.
    public static func evaluate(suite: URL, knowledgeDirectory: URL, embedder: any TextEmbedder,
                                importing freeExerciseDB: URL? = nil) throws -> [Score] {
        let evaluation = try load(from: suite)
        let kb = try KnowledgeBase.load(directory: knowledgeDirectory)
        let unknown = evaluation.unknownIDs(in: kb)
        guard unknown.isEmpty else {
            throw KnowledgeError(.query, file: suite.lastPathComponent,
                                 "expected ids not in the knowledge base: \(unknown.joined(separator: ", "))")
        }
        let index = try KnowledgeIndex(path: nil, knowledgeBase: kb, embedder: embedder)
        if let freeExerciseDB { _ = try index.importFreeExerciseDB(contentsOf: freeExerciseDB) }
        return try evaluation.run(on: index)
    }
}
