import Evals
import Foundation
import TextEmbedding

/// The `similar` eval assertion's scorer: cosine of all-MiniLM-L6-v2 sentence embeddings, the
/// same encoder the daemon uses for retrieval and routing.
struct EncoderSimilarity: TextSimilarity {
    let encoder: SentenceEncoder

    /// Loads the encoder from `models/all-MiniLM-L6-v2` under `root`; nil (with the assertion
    /// then skipped with a notice) when the model files are not there.
    static func load(repositoryRoot root: String) -> EncoderSimilarity? {
        let dir = URL(fileURLWithPath: root).appendingPathComponent("models/all-MiniLM-L6-v2").path
        return (try? SentenceEncoder(modelDirectory: dir)).map(EncoderSimilarity.init)
    }

    func similarity(_ a: String, _ b: String) async throws -> Double {
        let vectors = try await encoder.embedInBackground([a, b])
        return Double(SentenceEncoder.cosine(vectors[0], vectors[1]))
    }
}
