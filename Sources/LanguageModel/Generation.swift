/// The public contract of the embedded engine, used by the `LLM` target's embedded backend.
/// The engine itself (GGUF reader, tokenizer, forward pass, samplers) implements it.

/// One chat turn.
public struct ChatMessage: Sendable, Equatable, Codable {
    public enum Role: String, Sendable, Codable { case system, user, assistant }
    public var role: Role
    public var content: String

    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }

    public static func system(_ text: String) -> ChatMessage { .init(role: .system, content: text) }
    public static func user(_ text: String) -> ChatMessage { .init(role: .user, content: text) }
    public static func assistant(_ text: String) -> ChatMessage { .init(role: .assistant, content: text) }
}

/// How tokens are chosen. `temperature == 0` is greedy.
public struct SamplingOptions: Sendable, Equatable {
    public var temperature: Float
    public var topK: Int
    public var topP: Float
    public var minP: Float
    public var repetitionPenalty: Float
    /// Same seed, same prompt, same options → the same text. `nil` draws a random seed.
    public var seed: UInt64?
    public var maxTokens: Int
    /// Generation stops before any of these strings; they are not part of the output.
    public var stop: [String]

    public init(
        temperature: Float = 0.7, topK: Int = 40, topP: Float = 0.95, minP: Float = 0.05,
        repetitionPenalty: Float = 1.1, seed: UInt64? = nil, maxTokens: Int = 256, stop: [String] = []
    ) {
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.minP = minP
        self.repetitionPenalty = repetitionPenalty
        self.seed = seed
        self.maxTokens = maxTokens
        self.stop = stop
    }
}

/// Why generation ended.
public enum FinishReason: String, Sendable, Codable {
    case stop      // end-of-turn token or a stop string
    case length    // maxTokens reached
    case cancelled // the consumer went away
}

/// Counts and timings of one generation.
public struct GenerationStats: Sendable, Equatable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var finishReason: FinishReason
    public var prefillSeconds: Double
    public var decodeSeconds: Double
    /// Prompt tokens whose keys and values came from the cache (a pinned prefix or an earlier turn).
    public var cachedPromptTokens: Int

    public init(promptTokens: Int, completionTokens: Int, finishReason: FinishReason,
                prefillSeconds: Double, decodeSeconds: Double, cachedPromptTokens: Int = 0) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.finishReason = finishReason
        self.prefillSeconds = prefillSeconds
        self.decodeSeconds = decodeSeconds
        self.cachedPromptTokens = cachedPromptTokens
    }
}

/// What a generation stream yields: text pieces as they are produced (always whole UTF-8
/// characters), then exactly one `.finished`.
public enum GenerationEvent: Sendable, Equatable {
    case text(String)
    case finished(GenerationStats)
}

/// A loaded model that can chat. Implementations are thread-safe; one instance is shared.
public protocol ChatModel: Sendable {
    /// Model name (from the file's metadata, else the file name).
    var name: String { get }
    /// Maximum tokens of prompt + completion.
    var contextLength: Int { get }
    /// Streams a reply to `messages` (rendered with the model's chat template).
    /// Cancelling the consuming task stops generation promptly.
    func generate(_ messages: [ChatMessage], options: SamplingOptions) -> AsyncThrowingStream<GenerationEvent, Error>
}
