import LLM

extension ChatService {
    /// The `openai` backend's model servers, their health and load (nil for the embedded
    /// backend). `/metrics` appends `modelServerPool?.prometheusText()`.
    public var modelServerPool: ModelServerPool? { (backend as? OpenAIChatBackend)?.pool }
}
