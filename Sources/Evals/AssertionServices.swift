/// Sentence similarity for the `similar` assertion. The daemon's sentence encoder
/// (all-MiniLM-L6-v2) is plugged in by the CLI; tests use a double.
public protocol TextSimilarity: Sendable {
    /// Cosine similarity of the two texts' embeddings, in [-1, 1].
    func similarity(_ a: String, _ b: String) async throws -> Double
}

/// A judge for `llm-rubric`: scores a reply against a rubric.
public protocol RubricJudge: Sendable {
    /// Returns a score in [0, 1] and the judge's reason.
    func grade(message: String, reply: String, rubric: String) async throws -> (score: Double, reason: String)
}

/// The optional services some assertions need; a missing one makes those assertions skip.
public struct AssertionServices: Sendable {
    public var similarity: (any TextSimilarity)?
    public var judge: (any RubricJudge)?

    public init(similarity: (any TextSimilarity)? = nil, judge: (any RubricJudge)? = nil) {
        self.similarity = similarity
        self.judge = judge
    }
}
