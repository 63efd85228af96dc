import LanguageModel

/// The parsed and validated contents of `agents.yaml` and the prompt files it names.
/// Load with `AgentsConfiguration.load(from:)`; the format is documented in that file.
public struct AgentsConfiguration: Sendable, Equatable {
    /// Agents by name (`insight`, `planner`, `coach`).
    public var agents: [String: AgentDefinition]
    public var router: RouterConfiguration
    public var backend: BackendConfiguration
    /// Agent names in file order.
    public var agentNames: [String]

    public init(agents: [AgentDefinition], router: RouterConfiguration, backend: BackendConfiguration) {
        self.agents = Dictionary(uniqueKeysWithValues: agents.map { ($0.name, $0) })
        self.agentNames = agents.map(\.name)
        self.router = router
        self.backend = backend
    }
}

/// One agent: how it samples, what it is told, what grounding it gets.
public struct AgentDefinition: Sendable, Equatable {
    public var name: String
    public var description: String
    public var temperature: Double
    /// The system prompt text (from `prompt:`).
    public var systemPrompt: String
    /// Example exchanges sent before the user's message (from `few_shot:`).
    public var fewShot: [FewShotExchange]
    /// Grounding tools this agent uses; see `GroundingTool`.
    public var tools: Set<GroundingTool>
    /// Most tokens the agent may generate.
    public var maxTokens: Int
    /// Most tokens the context block may take (profile, history, grounding, passages).
    public var contextTokens: Int
    /// Passages retrieved from the knowledge base (0 disables retrieval).
    public var passages: Int
    /// Conversation turns remembered (user + assistant messages).
    public var memoryTurns: Int
    /// The prompt profile these settings come from (`compact` for small embedded models).
    public var profile: PromptProfile
    /// Most sentences a reply keeps (the grounded lead included); the reply is cut at a sentence
    /// boundary and generation stops there. Nil: no cap.
    public var maxSentences: Int?
    /// Whether the reply opens with the grounded lead when the facts hold a decision.
    public var lead: Bool

    public init(name: String, description: String = "", temperature: Double, systemPrompt: String,
                fewShot: [FewShotExchange], tools: Set<GroundingTool> = Set(GroundingTool.allCases),
                maxTokens: Int = 256, contextTokens: Int = 700, passages: Int = 3, memoryTurns: Int = 6,
                profile: PromptProfile = .full, maxSentences: Int? = nil, lead: Bool = false) {
        self.name = name
        self.description = description
        self.temperature = temperature
        self.systemPrompt = systemPrompt
        self.fewShot = fewShot
        self.tools = tools
        self.maxTokens = maxTokens
        self.contextTokens = contextTokens
        self.passages = passages
        self.memoryTurns = memoryTurns
        self.profile = profile
        self.maxSentences = maxSentences
        self.lead = lead
    }
}

/// How much prompt an agent sends. `full`: the whole system prompt, few-shot turns and context
/// block, for capable models behind the `openai` backend. `compact`: a short system prompt, one
/// or two few-shot turns and a context block limited to what the message is about, a few hundred
/// tokens in all, for small embedded models that can phrase a decision but not carry 2k tokens
/// of rules. Chosen by `llm.profile` (default: `compact` for `embedded`, `full` for `openai`).
public enum PromptProfile: String, Sendable, Equatable, CaseIterable {
    case full, compact

    /// The default for a backend kind.
    public static func `default`(for kind: BackendConfiguration.Kind) -> PromptProfile {
        kind == .embedded ? .compact : .full
    }
}

/// One few-shot example: a user message and the answer the agent should learn from.
public struct FewShotExchange: Sendable, Equatable, Codable {
    public var user: String
    public var assistant: String

    public init(user: String, assistant: String) {
        self.user = user
        self.assistant = assistant
    }

    var messages: [ChatMessage] { [.user(user), .assistant(assistant)] }
}

/// Context an agent may put in its prompt. Names as written in `agents.yaml` `tools:`.
public enum GroundingTool: String, Sendable, CaseIterable, Codable {
    case profile, history, checkin, grounding, passages
}

/// The router: rules tried first, example utterances and keywords per agent, the similarity
/// threshold, the fallback, and the labelled messages of `router.training` the scorer learns from.
public struct RouterConfiguration: Sendable, Equatable {
    public var threshold: Double
    public var fallback: String
    public var examples: [String: [String]]
    public var keywords: [String: [String]]
    public var rules: [RoutingRule]
    /// Messages labelled with their agent, read from the `router.training` suites.
    public var training: [String: [String]]

    public init(threshold: Double, fallback: String, examples: [String: [String]], keywords: [String: [String]],
                rules: [RoutingRule] = [], training: [String: [String]] = [:]) {
        self.threshold = threshold
        self.fallback = fallback
        self.examples = examples
        self.keywords = keywords
        self.rules = rules
        self.training = training
    }

    /// Every labelled utterance per agent: the examples, then the training messages.
    public var labelled: [String: [String]] {
        examples.merging(training) { $0 + $1 }
    }
}

/// One entry of `llm.base_urls`: a server's URL, and its own model id and key variable when
/// they differ from the section's `model` and `api_key_env`.
public struct ModelServerSettings: Sendable, Equatable {
    public var url: String
    public var model: String?
    public var apiKeyEnv: String?

    public init(url: String, model: String? = nil, apiKeyEnv: String? = nil) {
        self.url = url
        self.model = model
        self.apiKeyEnv = apiKeyEnv
    }
}

/// The `llm:` section: which backend answers and its limits.
public struct BackendConfiguration: Sendable, Equatable {
    public enum Kind: String, Sendable { case embedded, openai }
    public var kind: Kind
    /// Embedded: path of the GGUF file (resolved against the config's directory). OpenAI: model id.
    public var model: String
    /// OpenAI: the model servers (`base_urls`, or `base_url` as a pool of one); empty for embedded.
    public var servers: [ModelServerSettings]
    /// The servers' base URLs.
    public var baseURLs: [String] { servers.map(\.url) }
    /// The first model server (the only one in a pool of one).
    public var baseURL: String? { baseURLs.first }
    public var apiKeyEnv: String?
    /// Context length to budget prompts for when the backend does not say (openai).
    public var contextLength: Int?
    public var maxConcurrent: Int
    public var maxQueued: Int
    public var retryAfterSeconds: Int
    public var connectTimeoutSeconds: Double
    public var requestTimeoutSeconds: Double
    public var maxRetries: Int
    /// OpenAI: a failed server is out for this long, doubling per failure in a row up to the maximum.
    public var serverBackoffSeconds: Double
    public var serverBackoffMaxSeconds: Double
    public var streaming: Bool
    /// Ask for usage in the last streamed chunk (`stream_options`); off for servers that reject it.
    public var streamUsage: Bool
    /// The agents' prompt profile for this backend and model (`llm.profile`).
    public var profile: PromptProfile

    public init(kind: Kind, model: String, baseURL: String? = nil, baseURLs: [String] = [],
                servers: [ModelServerSettings] = [], apiKeyEnv: String? = nil,
                contextLength: Int? = nil, maxConcurrent: Int = 1, maxQueued: Int = 8,
                retryAfterSeconds: Int = 5, connectTimeoutSeconds: Double = 5,
                requestTimeoutSeconds: Double = 120, maxRetries: Int = 2,
                serverBackoffSeconds: Double = 1, serverBackoffMaxSeconds: Double = 60,
                streaming: Bool = true, streamUsage: Bool = true,
                profile: PromptProfile? = nil) {
        self.kind = kind
        self.model = model
        self.servers = ((baseURL.map { [$0] } ?? []) + baseURLs).map { ModelServerSettings(url: $0) } + servers
        self.apiKeyEnv = apiKeyEnv
        self.contextLength = contextLength
        self.maxConcurrent = maxConcurrent
        self.maxQueued = maxQueued
        self.retryAfterSeconds = retryAfterSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.maxRetries = maxRetries
        self.serverBackoffSeconds = serverBackoffSeconds
        self.serverBackoffMaxSeconds = serverBackoffMaxSeconds
        self.streaming = streaming
        self.streamUsage = streamUsage
        self.profile = profile ?? .default(for: kind)
    }
}
