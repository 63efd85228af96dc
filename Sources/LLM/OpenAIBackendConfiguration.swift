import Foundation

/// Where and how to reach OpenAI-compatible `/v1/chat/completions` servers
/// (vLLM, llama.cpp's `llama-server`, Ollama's `/v1`, NVIDIA NIM, OpenAI itself).
///
/// `baseURLs` is a pool: every server runs the same `model` and accepts the same key; each
/// request goes to the least-loaded healthy one (`ModelServerPool`). One URL is a pool of one —
/// the right setting when the URL is itself a load balancer (vLLM's router, a Kubernetes Service).
public struct OpenAIBackendConfiguration: Sendable, Equatable {
    /// The servers, at least one; each may name the model or key differently.
    public var servers: [OpenAIServerEndpoint] {
        didSet { precondition(!servers.isEmpty, "an openai backend needs at least one server") }
    }
    /// The model id the servers expect (`nvidia/nemotron-nano-12b-v2-vl`, `llama3.2:1b`, ...),
    /// unless a server names it differently.
    public var model: String
    /// Sent as `Authorization: Bearer ...` when set, unless a server has its own key.
    public var apiKey: String?
    /// Deadline for the TCP/TLS connection (a miss is a 504).
    public var connectTimeout: Duration
    /// Deadline for a whole exchange, streamed body included (a miss is a 504).
    public var requestTimeout: Duration
    /// Extra attempts after a connection failure or a 5xx, before any text was relayed; 4xx are
    /// never retried. The first goes to another healthy server when there is one; with none left
    /// the same server is retried after `retryBaseDelay * 2^(n-1)`.
    public var maxRetries: Int
    /// Backoff before a retry on the same server is `retryBaseDelay * 2^(n-1)`.
    public var retryBaseDelay: Duration
    /// How long a failed server stays out of the pool before a trial request is let through.
    public var serverBackoff: ModelServerBackoff
    /// Stream from the upstream (`stream: true`, SSE). When false one buffered request is made.
    public var streaming: Bool
    /// Send `stream_options: {include_usage: true}` so the last chunk carries usage (vLLM, NIM,
    /// OpenAI, llama.cpp, Ollama ≥ 0.5 accept it). Turn off for servers that reject unknown fields.
    public var requestStreamUsage: Bool
    /// Context length of the upstream model, when known (for prompt budgeting).
    public var contextLength: Int?

    public init(
        baseURLs: [String], model: String, apiKey: String? = nil,
        connectTimeout: Duration = .seconds(5), requestTimeout: Duration = .seconds(120),
        maxRetries: Int = 2, retryBaseDelay: Duration = .milliseconds(250),
        serverBackoff: ModelServerBackoff = ModelServerBackoff(),
        streaming: Bool = true, requestStreamUsage: Bool = true, contextLength: Int? = nil
    ) {
        precondition(!baseURLs.isEmpty, "an openai backend needs at least one base URL")
        self.servers = baseURLs.map { OpenAIServerEndpoint(baseURL: $0) }
        self.model = model
        self.apiKey = apiKey
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxRetries = maxRetries
        self.retryBaseDelay = retryBaseDelay
        self.serverBackoff = serverBackoff
        self.streaming = streaming
        self.requestStreamUsage = requestStreamUsage
        self.contextLength = contextLength
    }

    /// A pool of one server.
    public init(
        baseURL: String, model: String, apiKey: String? = nil,
        connectTimeout: Duration = .seconds(5), requestTimeout: Duration = .seconds(120),
        maxRetries: Int = 2, retryBaseDelay: Duration = .milliseconds(250),
        serverBackoff: ModelServerBackoff = ModelServerBackoff(),
        streaming: Bool = true, requestStreamUsage: Bool = true, contextLength: Int? = nil
    ) {
        self.init(baseURLs: [baseURL], model: model, apiKey: apiKey, connectTimeout: connectTimeout,
                  requestTimeout: requestTimeout, maxRetries: maxRetries, retryBaseDelay: retryBaseDelay,
                  serverBackoff: serverBackoff, streaming: streaming, requestStreamUsage: requestStreamUsage,
                  contextLength: contextLength)
    }

    /// Base URLs up to and including `/v1`, e.g. `http://127.0.0.1:8000/v1`.
    public var baseURLs: [String] { servers.map(\.baseURL) }

    /// The first base URL (the only one in a pool of one).
    public var baseURL: String { servers[0].baseURL }

    /// Reads the API key from the environment variable `name` (as named by `api_key_env` in
    /// `agents.yaml`). An unset or empty variable means no key.
    public static func apiKey(fromEnvironmentVariable name: String?,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let name, let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// The first server's `/chat/completions` URL.
    public var completionsURL: String { Self.completionsURL(base: baseURL) }

    /// `base` + `/chat/completions`, tolerating a trailing slash.
    public static func completionsURL(base: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/chat/completions"
    }
}

/// One server of a pool: its base URL, and the model id or key when they differ from the
/// pool's (say an Ollama server, which names the model `llama3.1:8b`, beside vLLM servers).
public struct OpenAIServerEndpoint: Sendable, Equatable {
    /// Up to and including `/v1`.
    public var baseURL: String
    /// This server's id for the model; nil: the configuration's `model`.
    public var model: String?
    /// This server's key; nil: the configuration's `apiKey`.
    public var apiKey: String?

    public init(baseURL: String, model: String? = nil, apiKey: String? = nil) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
    }
}
