/// Something that turns texts into fixed-size, L2-normalised vectors (a sentence encoder).
///
/// `TextEmbedding.SentenceEncoder` (all-MiniLM-L6-v2) is the production conformer; its one-line
/// conformance is added where both modules meet. Tests use small deterministic doubles.
public protocol TextEmbedder: Sendable {
    /// Length of every vector `embed` returns.
    var dimension: Int { get }
    /// One vector per text, in order.
    func embed(_ texts: [String]) throws -> [[Float]]
    /// A stable name for the model behind the vectors; part of the index content hash, so a
    /// different model rebuilds the index. Defaults to the type name and dimension.
    var embedderIdentity: String { get }
}

extension TextEmbedder {
    public var embedderIdentity: String { "\(String(reflecting: type(of: self)))/\(dimension)" }
}

extension TextEmbedder {
    /// Embeds `texts` in batches of `batchSize`, checking the shape of every vector and
    /// re-normalising it (cosine then equals the dot product).
    func embedChecked(_ texts: [String], batchSize: Int = 32) throws -> [[Float]] {
        var out: [[Float]] = []
        out.reserveCapacity(texts.count)
        var start = 0
        while start < texts.count {
            let batch = Array(texts[start..<min(start + batchSize, texts.count)])
            let vectors: [[Float]]
            do { vectors = try embed(batch) } catch {
                throw KnowledgeError(.embedding, "the embedder failed: \(error)")
            }
            guard vectors.count == batch.count else {
                throw KnowledgeError(.embedding, "the embedder returned \(vectors.count) vectors for \(batch.count) texts")
            }
            for v in vectors {
                guard v.count == dimension else {
                    throw KnowledgeError(.embedding, "the embedder returned a \(v.count)-d vector; it declares \(dimension)")
                }
                out.append(Self.normalised(v))
            }
            start += batchSize
        }
        return out
    }

    static func normalised(_ v: [Float]) -> [Float] {
        var sum: Float = 0
        for x in v { sum += x * x }
        let norm = sum.squareRoot()
        return norm > 0 ? v.map { $0 / norm } : v
    }
}
