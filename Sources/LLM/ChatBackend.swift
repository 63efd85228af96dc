import LanguageModel
import Wire

/// A language model that answers chat turns: the embedded engine in-process, or any
/// OpenAI-compatible server over HTTP. Agents talk to one `any ChatBackend`.
///
/// ```swift
/// var text = ""
/// for try await event in backend.stream([.system("Be brief."), .user("Hi")], options: ChatOptions(maxTokens: 32)) {
///     if case .delta(let piece) = event { text += piece }
/// }
/// ```
public protocol ChatBackend: Sendable {
    /// Short mechanism name reported to clients: `embedded` or `openai`.
    var kind: String { get }
    /// The model that answers (file metadata name, or the upstream model id).
    var model: String { get }
    /// Maximum prompt + completion tokens, when known.
    var contextLength: Int? { get }
    /// Streams text deltas, then exactly one `.finished`. Cancelling the consuming task, or
    /// dropping the stream, stops the generation (embedded) or aborts the upstream request.
    /// Errors are `LLMError`s.
    func stream(_ messages: [ChatMessage], options: ChatOptions) -> AsyncThrowingStream<ChatBackendEvent, Error>
    /// True when a conversation ending with an assistant message is continued from that
    /// message's text (the reply's start is given), rather than answered with a new turn.
    var continuesFinalAssistantMessage: Bool { get }
}

extension ChatBackend {
    /// OpenAI-compatible servers differ (vLLM's `continue_final_message` is an extension), so by
    /// default a backend does not continue a given start.
    public var continuesFinalAssistantMessage: Bool { false }
}

/// Per-request generation options.
public struct ChatOptions: Sendable, Equatable {
    public var temperature: Double
    public var seed: UInt64?
    public var maxTokens: Int
    public var stop: [String]

    public init(temperature: Double = 0.7, seed: UInt64? = nil, maxTokens: Int = 256, stop: [String] = []) {
        self.temperature = temperature
        self.seed = seed
        self.maxTokens = maxTokens
        self.stop = stop
    }
}

/// Token counts of one generation (the upstream's own counts when they are reported): the socket
/// API's `usage` object, so the backend, the agents and the wire share one type.
public typealias ChatUsage = Usage

/// What a backend stream yields.
public enum ChatBackendEvent: Sendable, Equatable {
    /// The next piece of reply text.
    case delta(String)
    /// The generation ended; `finishReason` is `stop`, `length` or `cancelled`.
    case finished(ChatUsage, finishReason: String)
}

/// A whole reply, collected from a stream.
public struct ChatCompletion: Sendable, Equatable {
    public var text: String
    public var usage: ChatUsage
    public var finishReason: String
}

extension ChatBackend {
    /// Collects the whole reply (no streaming). Throws `LLMError(.cancelled)` when the calling
    /// task is cancelled before the reply is complete.
    public func complete(_ messages: [ChatMessage], options: ChatOptions) async throws -> ChatCompletion {
        var text = ""
        var usage = ChatUsage(promptTokens: 0, completionTokens: 0)
        var reason: String?
        for try await event in stream(messages, options: options) {
            switch event {
            case .delta(let piece): text += piece
            case .finished(let u, let r):
                usage = u
                reason = r
            }
        }
        // A stream ends without `.finished` only when the consumer was cancelled.
        guard let reason else {
            throw LLMError(Task.isCancelled ? .cancelled : .generationFailed,
                           Task.isCancelled ? "request cancelled" : "\(kind) backend ended without finishing the reply")
        }
        return ChatCompletion(text: text, usage: usage, finishReason: reason)
    }
}
