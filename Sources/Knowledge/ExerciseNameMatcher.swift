/// Maps exercise names as apps and people write them ("Squat (Barbell)", "DB bench press") to
/// knowledge-base ids: exact name, alias, normalised tokens, then (if an embedder is given)
/// embedding similarity above a threshold. Names that clear none of these are returned as
/// `.unmatched`, never guessed.
public struct ExerciseNameMatcher: Sendable {
    /// One matchable exercise.
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var name: String
        public var aliases: [String]
        /// Lets "Name (Equipment)" match an entry named "Name" that uses that equipment.
        public var equipment: Equipment?
        public init(id: String, name: String, aliases: [String], equipment: Equipment? = nil) {
            self.id = id
            self.name = name
            self.aliases = aliases
            self.equipment = equipment
        }
    }

    private var names: [String: Int] = [:]       // lower-cased name or id -> entry
    private var aliases: [String: Int] = [:]     // lower-cased alias -> entry
    private var keys: [String: Int] = [:]        // normalised key -> entry (-1 when ambiguous)
    private(set) var entries: [Entry] = []
    private let embedder: (any TextEmbedder)?
    private var vectorOwners: [Int] = []         // row of `vectors` -> entry
    private var vectors: [Float] = []            // (rows, dimension), L2-normalised
    /// Minimum cosine similarity for an `.embedding` match.
    public let threshold: Double

    /// - Parameters:
    ///   - embedder: enables the embedding stage; nil keeps the matcher lexical.
    ///   - threshold: minimum cosine for an embedding match; 0.85 keeps near-synonyms
    ///     ("Bayesian Cable Curl") and rejects different exercises for the same muscle.
    public init(entries: [Entry], embedder: (any TextEmbedder)? = nil, threshold: Double = 0.85) throws {
        self.embedder = embedder
        self.threshold = threshold
        for e in entries { add(e) }
        if let embedder {
            var texts: [String] = []
            for (i, e) in self.entries.enumerated() {
                for t in [e.name] + e.aliases {
                    texts.append(t)
                    vectorOwners.append(i)
                }
            }
            vectors = try embedder.embedChecked(texts).flatMap { $0 }
        }
    }

    /// A matcher over every exercise of a knowledge base.
    public init(knowledgeBase: KnowledgeBase, embedder: (any TextEmbedder)? = nil, threshold: Double = 0.85) throws {
        try self.init(entries: knowledgeBase.exercises.map { Entry(id: $0.id, name: $0.name, aliases: $0.aliases, equipment: $0.equipment) },
                      embedder: embedder, threshold: threshold)
    }

    /// Adds an entry to the lexical tables (the embedding stage is fixed at init).
    mutating func add(_ e: Entry) {
        let i = entries.count
        entries.append(e)
        let lowered = { (s: String) in s.lowercased().trimmingCharacters(in: .whitespaces) }
        if names[lowered(e.name)] == nil { names[lowered(e.name)] = i }
        if names[e.id] == nil { names[e.id] = i }
        for a in e.aliases where aliases[lowered(a)] == nil { aliases[lowered(a)] = i }
        for text in [e.name] + e.aliases {
            let k = ExerciseNameNormalizer.key(text)
            guard !k.isEmpty else { continue }
            if let existing = keys[k], existing != i, existing >= 0, entries[existing].id != e.id { keys[k] = -1 }
            else if keys[k] == nil { keys[k] = i }
        }
    }

    /// Adds an alias to an existing entry (used when an import merges into it).
    mutating func addAlias(_ alias: String, toID id: String) {
        guard let i = entries.firstIndex(where: { $0.id == id }) else { return }
        let l = alias.lowercased().trimmingCharacters(in: .whitespaces)
        if aliases[l] == nil { aliases[l] = i }
        let k = ExerciseNameNormalizer.key(alias)
        if !k.isEmpty, keys[k] == nil { keys[k] = i }
    }

    /// The exact, alias and normalised stages only.
    public func matchLexically(_ name: String) -> NameMatch {
        let l = name.lowercased().trimmingCharacters(in: .whitespaces)
        if let i = names[l] { return .matched(id: entries[i].id, name: entries[i].name, method: .exact, score: 1) }
        if let i = aliases[l] { return .matched(id: entries[i].id, name: entries[i].name, method: .alias, score: 1) }
        if let i = keys[ExerciseNameNormalizer.key(name)], i >= 0 {
            return .matched(id: entries[i].id, name: entries[i].name, method: .normalised, score: 1)
        }
        // "Leg Press (Machine)": the name without its parenthesised equipment names an exercise
        // that uses exactly that equipment.
        if let (base, equipment) = ExerciseNameNormalizer.splitEquipment(name),
           let i = keys[ExerciseNameNormalizer.key(base)], i >= 0, entries[i].equipment == equipment {
            return .matched(id: entries[i].id, name: entries[i].name, method: .normalised, score: 1)
        }
        return .unmatched(name: name)
    }

    /// Matches one name through every stage.
    public func match(_ name: String) throws -> NameMatch {
        try matchAll([name])[0]
    }

    /// Matches many names, embedding the lexically unmatched ones in one batch.
    public func matchAll(_ names: [String]) throws -> [NameMatch] {
        var results = names.map(matchLexically)
        guard let embedder, !vectorOwners.isEmpty else { return results }
        let pending = results.indices.filter { results[$0].id == nil }
        guard !pending.isEmpty else { return results }
        let queries = try embedder.embedChecked(pending.map { names[$0] })
        let d = embedder.dimension
        for (q, index) in zip(queries, pending) {
            var best = -Float.infinity
            var bestRow = -1
            vectors.withUnsafeBufferPointer { m in
                for row in 0..<vectorOwners.count {
                    var dot: Float = 0
                    let base = row * d
                    for j in 0..<d { dot += m[base + j] * q[j] }
                    if dot > best { best = dot; bestRow = row }
                }
            }
            if bestRow >= 0, Double(best) >= threshold {
                let e = entries[vectorOwners[bestRow]]
                results[index] = .matched(id: e.id, name: e.name, method: .embedding, score: Double(best))
            }
        }
        return results
    }
}
