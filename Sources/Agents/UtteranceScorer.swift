import Foundation

/// Scores how close a message is to each agent's example utterances, in 0...1.
///
/// The lexical `TFIDFUtteranceScorer` is the default; a sentence-embedding scorer (cosine of
/// MiniLM vectors against pre-embedded examples) plugs in through this protocol later.
public protocol UtteranceScorer: Sendable {
    /// Mechanism name reported in routing decisions (`similarity` method), e.g. `tfidf`.
    var name: String { get }
    /// Best similarity of `message` to each agent's examples, keyed by agent name.
    func scores(for message: String) -> [String: Double]
}

/// Lexical similarity: TF-IDF vectors (log term frequency, smoothed IDF over all examples) with
/// unigrams and bigrams of lightly stemmed words, compared by cosine. An agent's score is the
/// mean of its two best example similarities, so one lucky overlap weighs less than a pattern.
public struct TFIDFUtteranceScorer: UtteranceScorer {
    public var name: String { "tfidf" }
    private let idf: [String: Double]
    private let defaultIDF: Double
    private let examples: [(agent: String, vector: [String: Double])]

    public init(examples: [String: [String]]) {
        let documents = examples.flatMap { agent, texts in texts.map { (agent, Self.terms(of: $0)) } }
        var frequency: [String: Int] = [:]
        for (_, terms) in documents {
            for term in Set(terms) { frequency[term, default: 0] += 1 }
        }
        let n = Double(documents.count)
        idf = frequency.mapValues { log((1 + n) / (1 + Double($0))) + 1 }
        defaultIDF = log(1 + n) + 1
        let weights = idf
        let fallback = defaultIDF
        self.examples = documents.map { agent, terms in (agent, Self.vector(terms, idf: weights, defaultIDF: fallback)) }
    }

    public func scores(for message: String) -> [String: Double] {
        let query = Self.vector(Self.terms(of: message), idf: idf, defaultIDF: defaultIDF)
        var perAgent: [String: [Double]] = [:]
        for example in examples {
            perAgent[example.agent, default: []].append(Self.cosine(query, example.vector))
        }
        return perAgent.mapValues { sims in
            let best = sims.sorted(by: >).prefix(2)
            return best.reduce(0, +) / Double(best.count)
        }
    }

    static func vector(_ terms: [String], idf: [String: Double], defaultIDF: Double) -> [String: Double] {
        var counts: [String: Double] = [:]
        for term in terms { counts[term, default: 0] += 1 }
        var vector: [String: Double] = [:]
        for (term, count) in counts {
            vector[term] = (1 + log(count)) * (idf[term] ?? defaultIDF)
        }
        let norm = vector.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.mapValues { $0 / norm } : vector
    }

    static func cosine(_ a: [String: Double], _ b: [String: Double]) -> Double {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        return small.reduce(0) { $0 + $1.value * (large[$1.key] ?? 0) }
    }

    /// Unigrams (stopwords removed) and bigrams of stemmed, lower-cased words.
    static func terms(of text: String) -> [String] {
        let words = RouterText.words(text).filter { !RouterText.stopwords.contains($0) }.map(RouterText.stem)
        var terms = words
        if words.count > 1 {
            for i in 0..<(words.count - 1) { terms.append(words[i] + "_" + words[i + 1]) }
        }
        return terms
    }
}

/// Word splitting and a light suffix stemmer shared by the scorer and the keyword matcher.
enum RouterText {
    static func words(_ text: String) -> [String] {
        text.lowercased()
            .split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'") })
            .map { $0.replacingOccurrences(of: "'", with: "") }
            .filter { !$0.isEmpty }
    }

    static func stem(_ word: String) -> String {
        guard word.count > 4 else { return word.hasSuffix("s") && word.count > 3 && !word.hasSuffix("ss") ? String(word.dropLast()) : word }
        for suffix in ["ations", "ation", "ings", "ing", "ness", "ied", "ies", "ed", "ly", "es", "s"] where word.hasSuffix(suffix) {
            let root = String(word.dropLast(suffix.count))
            if root.count >= 3 { return suffix == "ied" || suffix == "ies" ? root + "y" : root }
        }
        return word
    }

    static let stopwords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "is", "are",
        "was", "were", "be", "been", "am", "it", "its", "this", "that", "these", "those", "i", "me",
        "my", "im", "ive", "id", "you", "your", "we", "our", "so", "do", "does", "did", "can", "could",
        "would", "should", "will", "just", "about", "from", "as", "by", "if", "then", "there", "what",
        "some", "any", "get", "got", "have", "has", "had", "up", "out", "into", "too", "very", "really",
        "please", "hey", "hi", "ok", "okay", "thanks", "like",
    ]
}
