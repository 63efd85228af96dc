import TextEmbedding

/// The production embedder: all-MiniLM-L6-v2. Its identity is part of the index content hash,
/// so swapping the model rebuilds the index.
extension SentenceEncoder: TextEmbedder {
    public var embedderIdentity: String { "all-MiniLM-L6-v2/\(dimension)" }
}
