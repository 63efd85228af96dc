extension OpenAIChatCompletionRequest {
    /// The equivalent Spotter request; throws `.invalidRequest` when `user` or a user message is missing.
    public func chatRequest() throws -> ChatRequest {
        guard let user, !user.isEmpty else {
            throw AgentsError(.invalidRequest, "user is missing; set the OpenAI `user` field to the Spotter user id")
        }
        guard let message = messages.last(where: { $0.role == "user" })?.content, !message.isEmpty else {
            throw AgentsError(.invalidRequest, "messages has no user message with text; add {\"role\": \"user\", \"content\": ...}")
        }
        return ChatRequest(user: user, message: message, agent: model.isEmpty ? "auto" : model,
                           conversation: conversation, stream: stream, temperature: temperature, seed: seed,
                           maxTokens: maxTokens ?? maxCompletionTokens)
    }
}
