import Foundation
import LanguageModel
import LLM

extension BackendConfiguration {
    /// The `openai` backend described by this section; the API key is read from the
    /// environment variable named by `api_key_env`.
    public func makeOpenAIBackend(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> OpenAIChatBackend {
        guard kind == .openai, let baseURL else {
            throw AgentsError(.invalidConfiguration, "llm.backend is \(kind.rawValue); an openai backend needs backend: openai and base_url")
        }
        return OpenAIChatBackend(configuration: OpenAIBackendConfiguration(
            baseURL: baseURL, model: model,
            apiKey: OpenAIBackendConfiguration.apiKey(fromEnvironmentVariable: apiKeyEnv, environment: environment),
            connectTimeout: .milliseconds(Int(connectTimeoutSeconds * 1000)),
            requestTimeout: .milliseconds(Int(requestTimeoutSeconds * 1000)),
            maxRetries: maxRetries, streaming: streaming, requestStreamUsage: streamUsage,
            contextLength: contextLength))
    }

    /// The `embedded` backend over a model loaded once at start-up (from `modelPath(relativeTo:)`).
    public func makeEmbeddedBackend(model: any ChatModel) -> EmbeddedChatBackend {
        EmbeddedChatBackend(model: model, maxConcurrent: maxConcurrent, maxQueued: maxQueued,
                            retryAfterSeconds: retryAfterSeconds)
    }

    /// The GGUF path for the embedded backend, resolved against the directory of `agents.yaml`.
    public func modelPath(relativeTo configurationURL: URL) -> URL {
        model.hasPrefix("/") ? URL(fileURLWithPath: model)
            : configurationURL.deletingLastPathComponent().appendingPathComponent(model)
    }
}
