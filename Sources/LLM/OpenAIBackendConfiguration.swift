import Foundation

/// Where and how to reach an OpenAI-compatible `/v1/chat/completions` server
/// (vLLM, llama.cpp's `llama-server`, Ollama's `/v1`, NVIDIA NIM, OpenAI itself).
public struct OpenAIBackendConfiguration: Sendable, Equatable {
    /// Base URL up to and including `/v1`, e.g. `http://127.0.0.1:8000/v1`.
    public var baseURL: String
    /// The model id the server expects (`nvidia/nemotron-nano-12b-v2-vl`, `llama3.2:1b`, ...).
    public var model: String
    /// Sent as `Authorization: Bearer ...` when set.
    public var apiKey: String?
    /// Deadline for the TCP/TLS connection (a miss is a 504).
    public var connectTimeout: Duration
    /// Deadline for a whole exchange, streamed body included (a miss is a 504).
    public var requestTimeout: Duration
    /// Extra attempts after a connection failure or a 5xx; 4xx are never retried.
    public var maxRetries: Int
    /// Backoff before retry `n` is `retryBaseDelay * 2^(n-1)`.
    public var retryBaseDelay: Duration
    /// Stream from the upstream (`stream: true`, SSE). When false one buffered request is made.
    public var streaming: Bool
    /// Send `stream_options: {include_usage: true}` so the last chunk carries usage (vLLM, NIM,
    /// OpenAI, llama.cpp, Ollama ≥ 0.5 accept it). Turn off for servers that reject unknown fields.
    public var requestStreamUsage: Bool
    /// Context length of the upstream model, when known (for prompt budgeting).
    public var contextLength: Int?

    public init(
        baseURL: String, model: String, apiKey: String? = nil,
        connectTimeout: Duration = .seconds(5), requestTimeout: Duration = .seconds(120),
        maxRetries: Int = 2, retryBaseDelay: Duration = .milliseconds(250),
        streaming: Bool = true, requestStreamUsage: Bool = true, contextLength: Int? = nil
    ) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxRetries = maxRetries
        self.retryBaseDelay = retryBaseDelay
        self.streaming = streaming
        self.requestStreamUsage = requestStreamUsage
        self.contextLength = contextLength
    }

    /// Reads the API key from the environment variable `name` (as named by `api_key_env` in
    /// `agents.yaml`). An unset or empty variable means no key.
    public static func apiKey(fromEnvironmentVariable name: String?,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let name, let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// `baseURL` + `/chat/completions`, tolerating a trailing slash.
    public var completionsURL: String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/chat/completions"
    }
}
