/// Hyper-parameters of a llama-family model, read from GGUF metadata (`{arch}.*` keys).
public struct LlamaConfiguration: Sendable, Equatable {
    /// Architectures this engine runs.
    public enum Architecture: String, Sendable {
        /// Meta llama layout: RoPE on adjacent pairs (GGUF permutes Q/K rows to this order).
        case llama
        /// Qwen2: q/k/v biases and NEOX RoPE (pairs `(i, i + d/2)`).
        case qwen2
    }

    public var architecture: Architecture
    public var layers: Int
    public var embedding: Int
    public var feedForward: Int
    public var heads: Int
    public var kvHeads: Int
    public var headDimension: Int
    public var ropeDimensions: Int
    public var ropeBase: Double
    public var rmsEpsilon: Float
    /// The context the model was trained with.
    public var trainedContext: Int
    public var vocabularySize: Int

    /// Reads the configuration; the vocabulary size comes from `token_embd.weight`.
    public init(file: GGUFFile) throws {
        let arch = try file.string("general.architecture")
        guard let architecture = Architecture(rawValue: arch) else { throw LanguageModelError.unsupportedArchitecture(arch) }
        self.architecture = architecture
        layers = try file.int("\(arch).block_count")
        embedding = try file.int("\(arch).embedding_length")
        feedForward = try file.int("\(arch).feed_forward_length")
        heads = try file.int("\(arch).attention.head_count")
        kvHeads = (try? file.int("\(arch).attention.head_count_kv")) ?? heads
        guard heads > 0, kvHeads > 0, heads % kvHeads == 0, embedding % heads == 0 else {
            throw LanguageModelError.corrupt("\(heads) attention heads and \(kvHeads) key/value heads do not divide \(embedding)")
        }
        headDimension = embedding / heads
        ropeDimensions = (try? file.int("\(arch).rope.dimension_count")) ?? headDimension
        ropeBase = (try? file.double("\(arch).rope.freq_base")) ?? 10_000
        rmsEpsilon = Float(try file.double("\(arch).attention.layer_norm_rms_epsilon"))
        trainedContext = (try? file.int("\(arch).context_length")) ?? 2048
        guard let embd = file.tensors["token_embd.weight"] else { throw LanguageModelError.missingTensor("token_embd.weight") }
        guard embd.shape.count == 2, embd.shape[0] == embedding else {
            throw LanguageModelError.tensorShape(tensor: "token_embd.weight", expected: [embedding, -1], found: embd.shape)
        }
        vocabularySize = embd.shape[1]
        guard headDimension % 2 == 0, ropeDimensions <= headDimension, embedding % 32 == 0, feedForward % 32 == 0 else {
            throw LanguageModelError.corrupt("unsupported dimensions: embedding \(embedding), feed-forward \(feedForward), head \(headDimension)")
        }
    }

    /// Width of the key and value projections.
    public var kvDimension: Int { kvHeads * headDimension }
}
