/// Sentence embeddings: all-MiniLM-L6-v2 from safetensors + WordPiece.
///
/// Placeholder while the module is built; see ../shared/design.md for what it owns.
enum TextEmbeddingModule {}
