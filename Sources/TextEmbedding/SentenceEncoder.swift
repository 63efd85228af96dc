import Foundation

/// Sentence embeddings with all-MiniLM-L6-v2, computed in-process on OpenBLAS.
///
/// Reproduces sentence-transformers' pipeline for the model: BERT uncased WordPiece (truncated to
/// 256 tokens including `[CLS]`/`[SEP]`), the 6-layer encoder, mean pooling over all tokens
/// (including `[CLS]` and `[SEP]`), L2 normalisation. Embeddings are unit vectors of `dimension`
/// (384) floats, so the dot product of two of them is their cosine similarity.
///
/// ```swift
/// let encoder = try SentenceEncoder(modelDirectory: "models/all-MiniLM-L6-v2")
/// let vectors = try encoder.embed(["Barbell back squat", "Front squat"])
/// let similarity = SentenceEncoder.cosine(vectors[0], vectors[1])
/// ```
///
/// Thread safety: the weights are immutable after `init` and every call allocates its own
/// scratch, so any number of threads may call `embed` at once. `embed` is CPU-bound and blocks
/// its caller (milliseconds per sentence); async callers with many texts should use
/// `embedInBackground(_:)`, which runs on the encoder's own queue instead of a cooperative-pool thread.
public final class SentenceEncoder: Sendable {
    /// The length of an embedding (384 for all-MiniLM-L6-v2).
    public var dimension: Int { model.hidden }
    /// Texts are truncated to this many tokens, including `[CLS]` and `[SEP]`.
    public var maxTokens: Int { tokenizer.maxLength }
    /// `embed(_:)` runs the encoder on at most this many texts at a time (one GEMM per layer
    /// and projection per chunk); larger arrays are split into chunks of this size.
    public static let batchSize = 32

    private let tokenizer: WordPieceTokenizer
    private let model: BertEncoder
    /// Runs `embedInBackground(_:)` calls, one at a time, off the cooperative pool.
    let backgroundQueue = DispatchQueue(label: "spotter.text-embedding", qos: .userInitiated)

    /// Loads `model.safetensors` and `vocab.txt` (and `config.json`, if present) from a
    /// sentence-transformers model directory.
    /// - Throws: `TextEmbeddingError` naming the file (and tensor) that is missing or malformed.
    public init(modelDirectory: String) throws {
        let directory = URL(fileURLWithPath: modelDirectory)
        tokenizer = try WordPieceTokenizer(vocabularyPath: directory.appendingPathComponent("vocab.txt").path, maxLength: 256)
        let weights = directory.appendingPathComponent("model.safetensors").path
        model = try BertEncoder(weightsPath: weights, configPath: directory.appendingPathComponent("config.json").path)
        guard tokenizer.vocabularySize <= model.vocabularySize else {
            throw TextEmbeddingError.malformedModel(weights, "vocab.txt has \(tokenizer.vocabularySize) tokens but the word embeddings only \(model.vocabularySize) rows")
        }
        guard tokenizer.maxLength <= model.maxPositions else {
            throw TextEmbeddingError.malformedModel(weights, "the model has only \(model.maxPositions) positions")
        }
    }

    /// The model's input ids for a text: `[CLS]` (101), the word pieces, `[SEP]` (102),
    /// truncated to `maxTokens`. Useful to measure a text against a token budget.
    public func tokenIDs(for text: String) -> [Int] {
        tokenizer.encode(text).map(Int.init)
    }

    /// Embeds texts; result `i` belongs to `texts[i]`. Batches are computed together without
    /// changing any result (within float rounding, ~1e-7) compared with one text at a time.
    public func embed(_ texts: [String]) throws -> [[Float]] {
        try embed(texts, stopIf: false)
    }

    /// `embed(_:)` that checks `stop` before each chunk and throws `CancellationError` when set.
    func embed(_ texts: [String], stopIf stop: @autoclosure () -> Bool) throws -> [[Float]] {
        var result: [[Float]] = []
        result.reserveCapacity(texts.count)
        var start = 0
        while start < texts.count {
            if stop() { throw CancellationError() }
            let chunk = texts[start..<min(start + Self.batchSize, texts.count)]
            result += embedBatch(chunk.map(tokenizer.encode))
            start += chunk.count
        }
        return result
    }

    /// Embeds one text.
    public func embed(_ text: String) throws -> [Float] {
        try embed([text])[0]
    }

    /// Cosine similarity of two vectors of the same length; 0 when either is all zeros.
    /// For this encoder's unit vectors it equals their dot product.
    public static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count, "cosine of vectors of different lengths (\(a.count) and \(b.count))")
        var dot = 0.0, aa = 0.0, bb = 0.0
        for i in a.indices {
            dot += Double(a[i]) * Double(b[i])
            aa += Double(a[i]) * Double(a[i])
            bb += Double(b[i]) * Double(b[i])
        }
        guard aa > 0, bb > 0 else { return 0 }
        return Float(dot / (aa.squareRoot() * bb.squareRoot()))
    }

    /// Mean pooling over each sentence's tokens, then L2 normalisation (with
    /// sentence-transformers' clamps of 1e-9 on the token count and 1e-12 on the norm).
    private func embedBatch(_ sequences: [[Int32]]) -> [[Float]] {
        let d = model.hidden
        let states = model.hiddenStates(sequences)  // (n, d)
        var vectors: [[Float]] = []
        vectors.reserveCapacity(sequences.count)
        var row = 0
        for ids in sequences {
            var mean = [Double](repeating: 0, count: d)
            for t in 0..<ids.count {
                let base = (row + t) * d
                for i in 0..<d { mean[i] += Double(states[base + i]) }
            }
            row += ids.count
            let count = max(Double(ids.count), 1e-9)
            var vector = mean.map { Float($0 / count) }
            let norm = max(vector.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot(), 1e-12)
            for i in 0..<d { vector[i] = Float(Double(vector[i]) / norm) }
            vectors.append(vector)
        }
        return vectors
    }
}
