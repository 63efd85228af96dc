import Foundation

/// Wire types for `POST /v1/chat/completions`, OpenAI's format over the chat service, so the
/// official OpenAI client libraries work against the socket unchanged.
///
/// Mapping: `model` is an agent name or `auto`; `user` is the Spotter user id (required);
/// the last `user` message is the message to answer (earlier messages are ignored: Spotter
/// keeps conversation memory itself, continued with the non-standard `conversation` field);
/// `temperature`, `seed`, `max_tokens` (or `max_completion_tokens`) and `stream` pass through.
/// Responses carry Spotter's full answer (routing, grounding, checks) under `spotter`, and the
/// Planner's structured session (`SessionPlan`) as the extension field `plan` (also at
/// `spotter.plan`; in a stream, on the first chunk). OpenAI clients ignore unknown fields.
public struct OpenAIChatCompletionRequest: Sendable, Codable {
    public struct Message: Sendable, Codable {
        public var role: String
        public var content: String?

        public init(role: String, content: String?) {
            self.role = role
            self.content = content
        }
    }

    public var model: String
    public var messages: [Message]
    public var user: String?
    public var temperature: Double?
    public var seed: UInt64?
    public var maxTokens: Int?
    public var maxCompletionTokens: Int?
    public var stream: Bool?
    public var conversation: String?

    public init(model: String, messages: [Message], user: String? = nil, temperature: Double? = nil, seed: UInt64? = nil,
                maxTokens: Int? = nil, maxCompletionTokens: Int? = nil, stream: Bool? = nil, conversation: String? = nil) {
        self.model = model
        self.messages = messages
        self.user = user
        self.temperature = temperature
        self.seed = seed
        self.maxTokens = maxTokens
        self.maxCompletionTokens = maxCompletionTokens
        self.stream = stream
        self.conversation = conversation
    }

    enum CodingKeys: String, CodingKey {
        case model, messages, user, temperature, seed, stream, conversation
        case maxTokens = "max_tokens"
        case maxCompletionTokens = "max_completion_tokens"
    }
}

/// A whole `chat.completion` object.
public struct OpenAIChatCompletion: Sendable, Codable {
    public struct Choice: Sendable, Codable {
        public var index: Int
        public var message: OpenAIChatCompletionRequest.Message
        public var finishReason: String
        enum CodingKeys: String, CodingKey {
            case index, message
            case finishReason = "finish_reason"
        }
    }

    public struct TokenUsage: Sendable, Codable, Equatable {
        public var promptTokens: Int
        public var completionTokens: Int
        public var totalTokens: Int
        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
            case totalTokens = "total_tokens"
        }
        init(_ usage: Usage) {
            promptTokens = usage.promptTokens
            completionTokens = usage.completionTokens
            totalTokens = usage.promptTokens + usage.completionTokens
        }
    }

    public var id: String
    public var object = "chat.completion"
    public var created: Int
    /// The agent that answered.
    public var model: String
    public var choices: [Choice]
    public var usage: TokenUsage
    public var spotter: ChatResponse
    /// Extension: the structured session when the Planner was asked for one (absent otherwise).
    public var plan: SessionPlan?

    /// Wraps a Spotter response.
    public init(_ response: ChatResponse, created: Date = Date()) {
        id = "chatcmpl-" + response.conversation
        self.created = Int(created.timeIntervalSince1970)
        model = response.agent
        choices = [Choice(index: 0, message: .init(role: "assistant", content: response.reply), finishReason: "stop")]
        usage = TokenUsage(response.usage)
        spotter = response
        plan = response.plan
    }
}

/// One `chat.completion.chunk` of a streamed answer (`data: {...}` lines, then `data: [DONE]`).
public struct OpenAIChatCompletionChunk: Sendable, Codable {
    public struct Delta: Sendable, Codable, Equatable {
        public var role: String?
        public var content: String?

        public init(role: String? = nil, content: String? = nil) {
            self.role = role
            self.content = content
        }
    }

    public struct Choice: Sendable, Codable {
        public var index: Int
        public var delta: Delta
        public var finishReason: String?
        enum CodingKeys: String, CodingKey {
            case index, delta
            case finishReason = "finish_reason"
        }
    }

    public var id: String
    public var object = "chat.completion.chunk"
    public var created: Int
    public var model: String
    public var choices: [Choice]
    public var usage: OpenAIChatCompletion.TokenUsage?
    /// Extension, first chunk only: the structured session when the Planner was asked for one.
    public var plan: SessionPlan?

    /// The chunk for one `ChatService.stream` event: `.meta` opens with the assistant role,
    /// `.delta` carries text, `.done` closes with `finish_reason: stop` and the usage.
    /// When `.done` corrected the reply, the correction is not re-sent (clients that need the
    /// checked text use `/v1/chat`).
    public init(_ event: ChatStreamEvent, id: String, model: String, created: Date) {
        self.id = id
        self.created = Int(created.timeIntervalSince1970)
        self.model = model
        switch event {
        case .meta(let meta):
            choices = [Choice(index: 0, delta: Delta(role: "assistant", content: ""), finishReason: nil)]
            plan = meta.plan
        case .delta(let text):
            choices = [Choice(index: 0, delta: Delta(content: text), finishReason: nil)]
        case .done(let done):
            choices = [Choice(index: 0, delta: Delta(), finishReason: "stop")]
            usage = OpenAIChatCompletion.TokenUsage(done.usage)
        }
    }
}
