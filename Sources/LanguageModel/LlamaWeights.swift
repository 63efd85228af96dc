import SpotterNumerics

/// The weights of a llama/qwen2 model as views into the mapped GGUF file. Matrices stay in
/// their stored (quantized) format; only the small norm and bias vectors are decoded.
struct LlamaWeights: @unchecked Sendable {
    struct Layer {
        var attentionNorm: [Float]       // (embedding)
        var query: QuantizedMatrix       // (embedding) → (embedding)
        var key: QuantizedMatrix         // (embedding) → (kvDimension)
        var value: QuantizedMatrix       // (embedding) → (kvDimension)
        var output: QuantizedMatrix      // (embedding) → (embedding)
        var queryBias: [Float]?          // qwen2 only
        var keyBias: [Float]?
        var valueBias: [Float]?
        var feedForwardNorm: [Float]     // (embedding)
        var gate: QuantizedMatrix        // (embedding) → (feedForward)
        var up: QuantizedMatrix          // (embedding) → (feedForward)
        var down: QuantizedMatrix        // (feedForward) → (embedding)
    }

    var tokenEmbedding: QuantizedMatrix  // (vocabulary, embedding)
    var layers: [Layer]
    var outputNorm: [Float]
    /// The LM head; `token_embd.weight` when the file has no `output.weight` (tied embeddings).
    var head: QuantizedMatrix

    /// Bytes of weights one decode step reads: every layer's matrices and the head (the
    /// token's embedding row aside).
    var bytesPerDecodeStep: Int {
        layers.reduce(head.byteCount) { sum, l in
            sum + [l.query, l.key, l.value, l.output, l.gate, l.up, l.down].reduce(0) { $0 + $1.byteCount }
        }
    }

    init(file: GGUFFile, config c: LlamaConfiguration) throws {
        let e = c.embedding, kv = c.kvDimension, ff = c.feedForward
        tokenEmbedding = try file.matrix("token_embd.weight", shape: [e, c.vocabularySize])
        layers = try (0..<c.layers).map { i in
            let p = "blk.\(i)."
            let biases = c.architecture == .qwen2
            return Layer(
                attentionNorm: try file.floats(p + "attn_norm.weight", count: e),
                query: try file.matrix(p + "attn_q.weight", shape: [e, e]),
                key: try file.matrix(p + "attn_k.weight", shape: [e, kv]),
                value: try file.matrix(p + "attn_v.weight", shape: [e, kv]),
                output: try file.matrix(p + "attn_output.weight", shape: [e, e]),
                queryBias: biases ? try file.floats(p + "attn_q.bias", count: e) : nil,
                keyBias: biases ? try file.floats(p + "attn_k.bias", count: kv) : nil,
                valueBias: biases ? try file.floats(p + "attn_v.bias", count: kv) : nil,
                feedForwardNorm: try file.floats(p + "ffn_norm.weight", count: e),
                gate: try file.matrix(p + "ffn_gate.weight", shape: [e, ff]),
                up: try file.matrix(p + "ffn_up.weight", shape: [e, ff]),
                down: try file.matrix(p + "ffn_down.weight", shape: [ff, e]))
        }
        outputNorm = try file.floats("output_norm.weight", count: e)
        head = file.tensors["output.weight"] != nil
            ? try file.matrix("output.weight", shape: [e, c.vocabularySize])
            : tokenEmbedding
    }
}
