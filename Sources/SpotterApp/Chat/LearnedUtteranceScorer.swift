import Agents
import Foundation
import Knowledge
import SpotterNumerics

/// The router's learned scorer: a softmax regression over each message's sentence embedding
/// (all-MiniLM-L6-v2 through `TextEmbedder`, L2-normalised) beside its TF-IDF features
/// (`LexicalFeaturizer`), trained on every labelled utterance of the router configuration
/// (`router.examples` plus the `router.training` suites) when the configuration is loaded.
/// A message's scores are the three agents' probabilities.
///
/// Embeddings carry the meaning of paraphrases the training messages never used; the lexical
/// features carry the function words that decide the agent ("should I", "have I", "how many")
/// and that MiniLM weighs lightly. `lexicalWeight` scales the (unit-length) TF-IDF part against
/// the (unit-length) embedding. The defaults (weight 2, 1,000 gradient steps, L2 0.001) were
/// chosen by leaving one training suite out at a time (mean accuracy 96.6% over the four suites;
/// the blind suites `evals/routing-heldout-3/4.yaml` were not used; see the README's router section).
public struct LearnedUtteranceScorer: UtteranceScorer {
    public var name: String { "minilm+tfidf softmax" }
    let embedder: any TextEmbedder
    let lexical: LexicalFeaturizer
    let model: SoftmaxRegression
    let agents: [String]
    let lexicalWeight: Float

    /// What the embedding cache did at construction; nil when no cache was given.
    public let cacheReport: RouterEmbeddingCache.Report?

    /// Embeds `examples` (agent name → utterances) and trains; throws when the encoder fails.
    ///
    /// - Parameter cache: where the utterances' embeddings are kept between starts; with it, an
    ///   unchanged router configuration and encoder skip the encoder (the vectors, and so the
    ///   scores, are bit-identical to freshly computed ones).
    public init(embedder: any TextEmbedder, examples: [String: [String]], cache: RouterEmbeddingCache? = nil,
                lexicalWeight: Float = 2, iterations: Int = 1000) throws {
        let agents = examples.keys.sorted()
        let pairs = agents.flatMap { agent in examples[agent, default: []].map { (agent, $0) } }
        let texts = pairs.map(\.1)
        let vectors: [[Float]]
        if let cache {
            (vectors, cacheReport) = try cache.vectors(for: texts, labels: pairs.map(\.0), embedder: embedder)
        } else {
            vectors = try embedder.embed(texts)
            cacheReport = nil
        }
        let lexical = LexicalFeaturizer(training: texts)
        let dimension = embedder.dimension
        let samples = zip(texts, vectors).map { Self.features($0, $1, lexical: lexical, weight: lexicalWeight, dimension: dimension) }
        self.embedder = embedder
        self.lexicalWeight = lexicalWeight
        self.lexical = lexical
        self.agents = agents
        self.model = SoftmaxRegression(samples: samples, labels: pairs.map { agents.firstIndex(of: $0.0)! },
                                       classes: agents.count, features: dimension + lexical.count, iterations: iterations)
    }

    public func scores(for message: String) -> [String: Double] {
        guard let vector = try? embedder.embed([message]).first else { return [:] }
        let p = model.probabilities(Self.features(message, vector, lexical: lexical, weight: lexicalWeight, dimension: embedder.dimension))
        return Dictionary(uniqueKeysWithValues: zip(agents, p.map(Double.init)))
    }

    static func features(_ text: String, _ vector: [Float], lexical: LexicalFeaturizer, weight: Float, dimension: Int) -> SoftmaxRegression.Features {
        let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        let dense = vector.prefix(dimension).enumerated().map { (index: $0.offset, value: norm > 0 ? $0.element / norm : 0) }
        return dense + lexical.features(of: text, offset: dimension).map { (index: $0.index, value: weight * $0.value) }
    }
}
