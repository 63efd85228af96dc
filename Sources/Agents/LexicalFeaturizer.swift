import Foundation

/// TF-IDF features of a message for the learned router: stemmed content words, bigrams over
/// every word (function words kept, so "should i", "have i" and "how many" count) and the first
/// word (`^what`, `^should`), with log term frequency, smoothed IDF over the training messages
/// and L2 normalisation. Terms never seen in training are dropped.
public struct LexicalFeaturizer: Sendable {
    private let index: [String: Int]
    private let idf: [Float]

    /// Number of features (the training vocabulary).
    public var count: Int { idf.count }

    public init(training texts: [String]) {
        var frequency: [String: Int] = [:]
        for text in texts {
            for term in Set(Self.terms(of: text)) { frequency[term, default: 0] += 1 }
        }
        let vocabulary = frequency.keys.sorted()
        index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        let n = Double(texts.count)
        idf = vocabulary.map { Float(log((1 + n) / (1 + Double(frequency[$0]!))) + 1) }
    }

    /// The message's features, indices offset by `offset`.
    public func features(of text: String, offset: Int = 0) -> [(index: Int, value: Float)] {
        var counts: [Int: Float] = [:]
        for term in Self.terms(of: text) {
            if let i = index[term] { counts[i, default: 0] += 1 }
        }
        // In index order before summing: a dictionary's order differs between instances, and a
        // different summation order changes the norm's last bits (and the router's scores with it).
        var vector = counts.sorted { $0.key < $1.key }.map { (index: $0.key, value: (1 + Foundation.log($0.value)) * idf[$0.key]) }
        let norm = vector.reduce(Float(0)) { $0 + $1.value * $1.value }.squareRoot()
        if norm > 0 { vector = vector.map { ($0.index, $0.value / norm) } }
        return vector.map { (index: $0.index + offset, value: $0.value) }
    }

    static func terms(of text: String) -> [String] {
        let words = RouterText.words(text).map(RouterText.stem)
        guard let first = words.first else { return [] }
        var terms = words.filter { !RouterText.stopwords.contains($0) }
        if words.count > 1 {
            for i in 0..<(words.count - 1) { terms.append(words[i] + "_" + words[i + 1]) }
        }
        terms.append("^" + first)
        return terms
    }
}
