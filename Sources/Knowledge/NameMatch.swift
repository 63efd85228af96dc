/// How a name was matched, from most to least certain.
public enum MatchMethod: String, Sendable, Codable, Hashable {
    /// The name equals the exercise's name (case-insensitive) or id.
    case exact
    /// The name equals one of the exercise's aliases (case-insensitive).
    case alias
    /// The names agree after normalisation (punctuation, word order, plurals, equipment in parentheses).
    case normalised
    /// The sentence embeddings are closer than the matcher's threshold.
    case embedding
}

/// The outcome of matching one exercise name against the knowledge base.
public enum NameMatch: Sendable, Hashable {
    /// `score` is 1 for the lexical methods and the cosine similarity for `.embedding`.
    case matched(id: String, name: String, method: MatchMethod, score: Double)
    /// No exercise matched with enough confidence; `name` is the input as written.
    case unmatched(name: String)

    /// The matched exercise id, or nil.
    public var id: String? {
        if case .matched(let id, _, _, _) = self { return id }
        return nil
    }

    public var method: MatchMethod? {
        if case .matched(_, _, let m, _) = self { return m }
        return nil
    }
}
