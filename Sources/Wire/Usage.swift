/// Token counts of one generation, `{"prompt_tokens": 3, "completion_tokens": 12}` on the wire
/// (the upstream's own counts when it reports them). The LLM backends call it `ChatUsage`.
public struct Usage: Sendable, Equatable, Codable {
    public var promptTokens: Int
    public var completionTokens: Int

    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
    }
}
