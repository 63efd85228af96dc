import Foundation
import LanguageModel
import LLM

extension BackendConfiguration {
    /// The `openai` backend described by this section (a pool of `base_urls`, or of the one
    /// `base_url`); the API key is read from the environment variable named by `api_key_env`
    /// (a server's own `api_key_env` must name a set variable).
    /// `onServerChange` hears when a server of the pool goes out or comes back.
    public func makeOpenAIBackend(environment: [String: String] = ProcessInfo.processInfo.environment,
                                  onServerChange: (@Sendable (ModelServerPool.Change) -> Void)? = nil) throws -> OpenAIChatBackend {
        guard kind == .openai, !baseURLs.isEmpty else {
            throw AgentsError(.invalidConfiguration, "llm.backend is \(kind.rawValue); an openai backend needs backend: openai and base_url (or base_urls)")
        }
        var configuration = OpenAIBackendConfiguration(
            baseURLs: baseURLs, model: model,
            apiKey: OpenAIBackendConfiguration.apiKey(fromEnvironmentVariable: apiKeyEnv, environment: environment),
            connectTimeout: .milliseconds(Int(connectTimeoutSeconds * 1000)),
            requestTimeout: .milliseconds(Int(requestTimeoutSeconds * 1000)),
            maxRetries: maxRetries,
            serverBackoff: ModelServerBackoff(initial: .milliseconds(Int(serverBackoffSeconds * 1000)),
                                              maximum: .milliseconds(Int(serverBackoffMaxSeconds * 1000))),
            streaming: streaming, requestStreamUsage: streamUsage,
            contextLength: contextLength)
        configuration.servers = try servers.enumerated().map { i, server in
            // A server's own key variable must be set: falling back to the pool's key would send
            // that key to a server it was not meant for.
            let key = OpenAIBackendConfiguration.apiKey(fromEnvironmentVariable: server.apiKeyEnv, environment: environment)
            if let name = server.apiKeyEnv, key == nil {
                throw AgentsError(.invalidConfiguration, "llm.base_urls[\(i)].api_key_env: the environment variable \(name) is not set; set it or remove api_key_env from this server")
            }
            return OpenAIServerEndpoint(baseURL: server.url, model: server.model, apiKey: key)
        }
        return OpenAIChatBackend(configuration: configuration, onServerChange: onServerChange)
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
