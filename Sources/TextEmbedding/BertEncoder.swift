import Foundation

/// The weights of a BERT encoder (all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads of 32,
/// feed-forward 1536, 512 positions, vocabulary 30522), read from `model.safetensors`.
///
/// Tensor names are those of HF `BertModel` without a prefix (`embeddings.word_embeddings.weight`,
/// `encoder.layer.{i}.attention.self.query.weight`, ...). Linear weights are `(out, in)`, so a layer
/// computes `y = x · Wᵀ + b`; the encoder keeps each linear weight transposed, `(in, out)`, because
/// OpenBLAS then packs it about twice as fast for the small row counts of short sentences. The pooler and `embeddings.position_ids` are not used. The sizes are
/// taken from the tensor shapes; the head count (not visible in the weights) and LayerNorm epsilon
/// from `config.json` beside the weights when present, else all-MiniLM-L6-v2's 12 and 1e-12.
/// The forward pass is in `BertEncoder+Forward.swift`.
struct BertEncoder: Sendable {
    struct Layer: Sendable {
        let qkvWeight: FloatBuffer            // (hidden, 3·hidden): [Wq | Wk | Wv]ᵀ
        let qkvBias: FloatBuffer              // (3·hidden)
        let attentionOutputWeight: FloatBuffer  // (hidden, hidden): Waoᵀ
        let attentionOutputBias: FloatBuffer    // (hidden)
        let attentionNormWeight: FloatBuffer    // (hidden)
        let attentionNormBias: FloatBuffer      // (hidden)
        let intermediateWeight: FloatBuffer   // (hidden, intermediate): Wiᵀ
        let intermediateBias: FloatBuffer     // (intermediate)
        let outputWeight: FloatBuffer         // (intermediate, hidden): Woᵀ
        let outputBias: FloatBuffer           // (hidden)
        let outputNormWeight: FloatBuffer     // (hidden)
        let outputNormBias: FloatBuffer       // (hidden)
    }

    let hidden: Int
    let heads: Int
    let headSize: Int
    let intermediate: Int
    let maxPositions: Int
    let vocabularySize: Int
    let epsilon: Float
    let wordEmbeddings: FloatBuffer       // (vocabularySize, hidden)
    let positionEmbeddings: FloatBuffer   // (maxPositions, hidden)
    let tokenTypeEmbedding: FloatBuffer   // (hidden): row 0, every token has type 0
    let embeddingNormWeight: FloatBuffer  // (hidden)
    let embeddingNormBias: FloatBuffer    // (hidden)
    let layers: [Layer]

    init(weightsPath path: String, configPath: String? = nil) throws {
        let file = try SafeTensorsFile(path: path)
        guard let wordShape = file.shape(of: "embeddings.word_embeddings.weight"), wordShape.count == 2 else {
            throw TextEmbeddingError.malformedModel(path, tensor: "embeddings.word_embeddings.weight", "is missing or not a matrix")
        }
        guard let positionShape = file.shape(of: "embeddings.position_embeddings.weight"), positionShape.count == 2 else {
            throw TextEmbeddingError.malformedModel(path, tensor: "embeddings.position_embeddings.weight", "is missing or not a matrix")
        }
        guard let innerShape = file.shape(of: "encoder.layer.0.intermediate.dense.weight"), innerShape.count == 2 else {
            throw TextEmbeddingError.malformedModel(path, tensor: "encoder.layer.0.intermediate.dense.weight", "is missing or not a matrix")
        }
        let (vocabularySize, hidden) = (wordShape[0], wordShape[1])
        let intermediate = innerShape[0]
        let config = Self.readConfig(configPath)
        let heads = config.heads ?? 12
        guard heads > 0, hidden > 0, hidden % heads == 0 else {
            throw TextEmbeddingError.malformedModel(path, "hidden size \(hidden) is not a multiple of \(heads) attention heads")
        }
        self.hidden = hidden
        self.heads = heads
        self.headSize = hidden / heads
        self.intermediate = intermediate
        self.vocabularySize = vocabularySize
        self.maxPositions = positionShape[0]
        self.epsilon = config.epsilon ?? 1e-12

        func tensor(_ name: String, _ shape: [Int]) throws -> FloatBuffer {
            FloatBuffer(try file.floats(name, shape: shape))
        }
        func transposedTensor(_ name: String, _ shape: [Int]) throws -> FloatBuffer {
            FloatBuffer(transposed(try file.floats(name, shape: shape), rows: shape[0], columns: shape[1]))
        }
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", wordShape)
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", positionShape)
        guard let typeShape = file.shape(of: "embeddings.token_type_embeddings.weight"), typeShape.count == 2, typeShape[0] >= 1 else {
            throw TextEmbeddingError.malformedModel(path, tensor: "embeddings.token_type_embeddings.weight", "is missing or has no rows")
        }
        tokenTypeEmbedding = FloatBuffer(Array(try file.floats("embeddings.token_type_embeddings.weight", shape: [typeShape[0], hidden]).prefix(hidden)))
        embeddingNormWeight = try tensor("embeddings.LayerNorm.weight", [hidden])
        embeddingNormBias = try tensor("embeddings.LayerNorm.bias", [hidden])

        var layers: [Layer] = []
        while file.shape(of: "encoder.layer.\(layers.count).attention.self.query.weight") != nil {
            let p = "encoder.layer.\(layers.count)."
            var qkvWeight: [Float] = []
            var qkvBias: [Float] = []
            for part in ["query", "key", "value"] {
                qkvWeight += try file.floats(p + "attention.self.\(part).weight", shape: [hidden, hidden])
                qkvBias += try file.floats(p + "attention.self.\(part).bias", shape: [hidden])
            }
            layers.append(Layer(
                qkvWeight: FloatBuffer(transposed(qkvWeight, rows: 3 * hidden, columns: hidden)),
                qkvBias: FloatBuffer(qkvBias),
                attentionOutputWeight: try transposedTensor(p + "attention.output.dense.weight", [hidden, hidden]),
                attentionOutputBias: try tensor(p + "attention.output.dense.bias", [hidden]),
                attentionNormWeight: try tensor(p + "attention.output.LayerNorm.weight", [hidden]),
                attentionNormBias: try tensor(p + "attention.output.LayerNorm.bias", [hidden]),
                intermediateWeight: try transposedTensor(p + "intermediate.dense.weight", [intermediate, hidden]),
                intermediateBias: try tensor(p + "intermediate.dense.bias", [intermediate]),
                outputWeight: try transposedTensor(p + "output.dense.weight", [hidden, intermediate]),
                outputBias: try tensor(p + "output.dense.bias", [hidden]),
                outputNormWeight: try tensor(p + "output.LayerNorm.weight", [hidden]),
                outputNormBias: try tensor(p + "output.LayerNorm.bias", [hidden])
            ))
        }
        guard !layers.isEmpty else {
            throw TextEmbeddingError.malformedModel(path, tensor: "encoder.layer.0.attention.self.query.weight", "is missing")
        }
        if let expected = config.layers, expected != layers.count {
            throw TextEmbeddingError.malformedModel(path, "config.json says \(expected) layers but the file has \(layers.count)")
        }
        self.layers = layers
    }

    /// The few fields of HF `config.json` that the weights do not reveal. A missing file is fine.
    private static func readConfig(_ path: String?) -> (heads: Int?, epsilon: Float?, layers: Int?) {
        guard let path, let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return (nil, nil, nil) }
        return ((object["num_attention_heads"] as? NSNumber)?.intValue,
                (object["layer_norm_eps"] as? NSNumber)?.floatValue,
                (object["num_hidden_layers"] as? NSNumber)?.intValue)
    }
}

/// The transpose of a row-major (rows × columns) matrix.
private func transposed(_ matrix: [Float], rows: Int, columns: Int) -> [Float] {
    var out = [Float](repeating: 0, count: matrix.count)
    for r in 0..<rows {
        for c in 0..<columns { out[c * rows + r] = matrix[r * columns + c] }
    }
    return out
}
