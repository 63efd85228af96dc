import LanguageModel

/// The embedded engine as a `ChatBackend`: one loaded `ChatModel`, shared by every request.
///
/// Generations run off the cooperative pool inside the model; this type bounds how many run at
/// once and how many wait (`GenerationLimiter`), and maps the model's events to backend events.
/// Cancelling the consumer cancels the producing task, which stops the model's stream.
public struct EmbeddedChatBackend: ChatBackend {
    public let chatModel: any ChatModel
    public let limiter: GenerationLimiter
    public var kind: String { "embedded" }
    public var model: String { chatModel.name }
    public var contextLength: Int? { chatModel.contextLength }
    /// The chat template leaves a final assistant message open, so generation continues it.
    public var continuesFinalAssistantMessage: Bool { true }

    /// - Parameters:
    ///   - model: the loaded model (load it once at start-up).
    ///   - maxConcurrent: generations at once (1 on a small CPU: they share the cores).
    ///   - maxQueued: requests that may wait for a slot; more get a 503.
    public init(model: any ChatModel, maxConcurrent: Int = 1, maxQueued: Int = 8, retryAfterSeconds: Int = 5) {
        self.chatModel = model
        self.limiter = GenerationLimiter(maxConcurrent: maxConcurrent, maxQueued: maxQueued,
                                         retryAfterSeconds: retryAfterSeconds)
    }

    public func stream(_ messages: [ChatMessage], options: ChatOptions) -> AsyncThrowingStream<ChatBackendEvent, Error> {
        let model = chatModel
        let limiter = limiter
        let sampling = SamplingOptions(temperature: Float(options.temperature), seed: options.seed,
                                       maxTokens: options.maxTokens, stop: options.stop)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await limiter.acquire()
                } catch {
                    continuation.finish(throwing: error)
                    return
                }
                do {
                    for try await event in model.generate(messages, options: sampling) {
                        try Task.checkCancellation()
                        switch event {
                        case .text(let piece):
                            continuation.yield(.delta(piece))
                        case .finished(let stats):
                            continuation.yield(.finished(
                                ChatUsage(promptTokens: stats.promptTokens, completionTokens: stats.completionTokens),
                                finishReason: stats.finishReason.rawValue))
                        }
                    }
                    await limiter.release()
                    continuation.finish()
                } catch is CancellationError {
                    await limiter.release()
                    continuation.finish(throwing: LLMError(.cancelled, "generation cancelled"))
                } catch let error as LLMError {
                    await limiter.release()
                    continuation.finish(throwing: error)
                } catch {
                    await limiter.release()
                    continuation.finish(throwing: LLMError(
                        Task.isCancelled ? .cancelled : .generationFailed,
                        "the embedded model \(model.name) failed: \(error)"))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
