import Foundation
import Yams

/// Loading `agents.yaml`.
///
/// Format (YAML; relative paths resolve against the directory holding `agents.yaml`):
///
/// ```yaml
/// agents:                      # one entry per agent, in routing-display order
///   insight:
///     description: text        # optional, shown in docs/logs
///     temperature: 0.3         # 0...2
///     prompt: prompts/insight.md            # system prompt, plain text (required, non-empty)
///     few_shot: prompts/insight.examples.yaml # list of {user: ..., assistant: ...} (required, >= 1)
///     tools: [profile, history, checkin, grounding, passages]   # optional, default all
///     max_tokens: 256          # 1...8192, tokens generated
///     context_tokens: 700      # 64...32768, budget of the context block
///     passages: 3              # 0...20, knowledge passages retrieved
///     memory_turns: 6          # 0...64, conversation messages remembered
///     max_sentences: 6         # optional 1...50: the reply is cut at this many sentences
///     lead: false              # open the reply with the grounded lead (default false in full)
///     compact:                 # optional: the compact profile (small embedded models); each key
///       prompt: prompts/insight.compact.md     #   overrides the one above, others are inherited
///       few_shot: prompts/insight.compact.examples.yaml
///       max_tokens: 120
///       context_tokens: 220
///       passages: 0
///       memory_turns: 2
///       max_sentences: 3
///       lead: true             #   default true in the compact profile
/// router:
///   threshold: 0.18            # 0...1, lexical similarity below which keywords/fallback decide
///   fallback: coach            # an agent name
///   examples: {insight: [...], planner: [...], coach: [...]}   # utterances per agent (>= 1 each)
///   keywords: {insight: [...], ...}                             # optional
///   training: [evals/routing.yaml]   # optional: eval suites whose routed-to cases the scorer learns from
///   rules:                     # optional, tried in order before similarity; first match wins
///     - agent: coach
///       why: pain or injury     # echoed in the routing reason
///       match: ['\\b(pain|hurts?)\\b']   # case-insensitive ICU regular expressions (>= 1)
///       unless: ['\\broutine\\b']        # optional: a match here cancels the rule
/// llm:
///   backend: embedded          # embedded | openai
///   model: models/SmolLM2-135M-Instruct.Q4_1.gguf   # embedded: GGUF path; openai: model id
///   base_url: http://127.0.0.1:8000/v1              # openai: the server (or a load balancer in front of several)
///   base_urls: [http://10.0.0.5:8000/v1, http://10.0.0.6:8000/v1]   # openai: instead of base_url, a
///                              # pool of servers running the same model with the same key; each request
///                              # goes to the least-loaded healthy one. An entry may be a mapping for a
///                              # server that names the model or takes a key of its own:
///                              #   - {url: http://10.0.0.9:11434/v1, model: llama3.1:8b, api_key_env: OLLAMA_KEY}
///   api_key_env: SPOTTER_LLM_API_KEY                # openai: env var holding the key
///   context_length: 8192       # openai: the upstream model's context, for prompt budgeting
///   max_concurrent: 1          # generations at once (embedded)
///   max_queued: 8              # waiting generations before 503 (embedded)
///   retry_after_seconds: 5
///   connect_timeout_seconds: 5 # openai
///   timeout_seconds: 120       # openai, whole exchange
///   max_retries: 2             # openai, on connection errors and 5xx (first on another server of the pool)
///   server_backoff_seconds: 1  # openai: a failed server is out this long (jittered), doubling per
///   server_backoff_max_seconds: 60   #   failure in a row up to this; then one trial request goes to it
///   streaming: true            # openai, stream from the upstream
///   stream_usage: true         # openai, send stream_options.include_usage (off if the server rejects it)
///   profile: compact           # compact | full: the agents' prompt profile for this backend/model
///                              # (default compact for embedded, full for openai)
/// vlm: {...}                   # read by the Tracker, not validated here
/// ```
extension AgentsConfiguration {
    /// Reads and validates `agents.yaml` and every prompt and few-shot file it names.
    /// Throws `AgentsError` (`.invalidConfiguration`) naming the file, the key and the problem.
    /// - Parameter profile: forces a prompt profile instead of `llm.profile` / the backend's default.
    public static func load(from url: URL, profile forced: PromptProfile? = nil) throws -> AgentsConfiguration {
        let file = url.lastPathComponent
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw AgentsError(.invalidConfiguration, "\(url.path): cannot read the agents configuration: \(error.localizedDescription)")
        }
        let parsed = try ConfigSafety.loadYAML(text, file: file)  // size, alias and error-text limits
        let root = try ConfigSection(file: file, path: "", value: parsed)
        try root.rejectUnknownKeys(["agents", "router", "llm", "vlm"])
        let base = url.deletingLastPathComponent()

        let agentsSection = try root.section("agents")
        let order = agentOrder(in: text, names: Set(agentsSection.values.keys))
        guard !order.isEmpty else { throw AgentsError.config(file, "agents", "is empty; define at least one agent") }
        let agents = try order.map { name in
            try loadAgent(name, section: agentsSection.section(name), base: base)
        }
        let names = Set(order)
        let router = try loadRouter(root.section("router"), agents: names, base: base)
        var backend = try loadBackend(root.section("llm"))
        if let forced { backend.profile = forced }
        let profiled = try agents.map { agent in
            guard backend.profile == .compact, let compact = try agentsSection.section(agent.name).optionalSection("compact") else {
                return agent
            }
            return try compactAgent(agent, section: compact, base: base)
        }
        return AgentsConfiguration(agents: profiled, router: router, backend: backend)
    }

    /// Agent names in the order they appear in the file (YAML mappings are unordered in Yams).
    private static func agentOrder(in text: String, names: Set<String>) -> [String] {
        var seen: [String] = []
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasSuffix(":"), line.hasPrefix("  "), !line.hasPrefix("    ") else { continue }
            let name = String(trimmed.dropLast())
            if names.contains(name), !seen.contains(name) { seen.append(name) }
        }
        return seen + names.subtracting(seen).sorted()
    }

    private static func loadAgent(_ name: String, section: ConfigSection, base: URL) throws -> AgentDefinition {
        try section.rejectUnknownKeys(["description", "temperature", "prompt", "few_shot", "tools",
                                       "max_tokens", "context_tokens", "passages", "memory_turns",
                                       "max_sentences", "lead", "compact"])
        let promptPath = try section.string("prompt")
        let prompt = try readText(promptPath, base: base, file: section.file, key: section.key("prompt"))
        guard !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw AgentsError.config(section.file, section.key("prompt"), "\(promptPath) is empty; write the agent's system prompt there")
        }
        let fewShotPath = try section.string("few_shot")
        let fewShot = try loadFewShot(fewShotPath, base: base, file: section.file, key: section.key("few_shot"))
        var tools = Set(GroundingTool.allCases)
        if section.values["tools"] != nil {
            tools = try Set(section.stringList("tools").map { tool in
                guard let known = GroundingTool(rawValue: tool) else {
                    throw AgentsError.config(section.file, section.key("tools"),
                                             "unknown tool \"\(tool)\"; expected one of \(GroundingTool.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return known
            })
        }
        return AgentDefinition(
            name: name,
            description: try section.optionalString("description") ?? "",
            temperature: try section.double("temperature", in: 0...2),
            systemPrompt: prompt.trimmingCharacters(in: .whitespacesAndNewlines),
            fewShot: fewShot, tools: tools,
            maxTokens: try section.int("max_tokens", default: 256, in: 1...8192),
            contextTokens: try section.int("context_tokens", default: 700, in: 64...32768),
            passages: try section.int("passages", default: 3, in: 0...20),
            memoryTurns: try section.int("memory_turns", default: 6, in: 0...64),
            profile: .full,
            maxSentences: section.values["max_sentences"] == nil ? nil : try section.int("max_sentences", in: 1...50),
            lead: try section.bool("lead", default: false))
    }

    /// `agent` with its `compact:` section's keys applied (the others inherited).
    private static func compactAgent(_ agent: AgentDefinition, section: ConfigSection, base: URL) throws -> AgentDefinition {
        try section.rejectUnknownKeys(["prompt", "few_shot", "max_tokens", "context_tokens", "passages", "memory_turns",
                                       "max_sentences", "lead"])
        var a = agent
        a.profile = .compact
        if section.values["prompt"] != nil {
            let path = try section.string("prompt")
            let text = try readText(path, base: base, file: section.file, key: section.key("prompt"))
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw AgentsError.config(section.file, section.key("prompt"), "\(path) is empty; write the agent's compact system prompt there")
            }
            a.systemPrompt = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if section.values["few_shot"] != nil {
            a.fewShot = try loadFewShot(try section.string("few_shot"), base: base, file: section.file, key: section.key("few_shot"))
        }
        a.maxTokens = try section.int("max_tokens", default: a.maxTokens, in: 1...8192)
        a.contextTokens = try section.int("context_tokens", default: a.contextTokens, in: 64...32768)
        a.passages = try section.int("passages", default: a.passages, in: 0...20)
        a.memoryTurns = try section.int("memory_turns", default: a.memoryTurns, in: 0...64)
        if section.values["max_sentences"] != nil { a.maxSentences = try section.int("max_sentences", in: 1...50) }
        a.lead = try section.bool("lead", default: true)
        return a
    }

    private static func readText(_ path: String, base: URL, file: String, key: String) throws -> String {
        let url = try ConfigSafety.promptURL(path, base: base, file: file, key: key)  // under the config directory
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw AgentsError.config(file, key, "file \(path) does not exist (looked for \(url.path)); create it or fix the path")
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw AgentsError.config(file, key, "cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// Few-shot file: a YAML list of `{user: ..., assistant: ...}` mappings.
    private static func loadFewShot(_ path: String, base: URL, file: String, key: String) throws -> [FewShotExchange] {
        let text = try readText(path, base: base, file: file, key: key)
        let parsed = try ConfigSafety.loadYAML(text, file: path)
        guard let list = parsed as? [Any], !list.isEmpty else {
            throw AgentsError.config(path, "(top level)", "must be a non-empty list of {user, assistant} exchanges")
        }
        return try list.enumerated().map { index, item in
            let entry = try ConfigSection(file: path, path: "[\(index)]", value: item)
            try entry.rejectUnknownKeys(["user", "assistant"])
            return FewShotExchange(user: try entry.string("user").trimmingCharacters(in: .whitespacesAndNewlines),
                                   assistant: try entry.string("assistant").trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    private static func loadRouter(_ section: ConfigSection, agents: Set<String>, base: URL) throws -> RouterConfiguration {
        try section.rejectUnknownKeys(["threshold", "fallback", "examples", "keywords", "rules", "training"])
        let fallback = try section.string("fallback")
        guard agents.contains(fallback) else {
            throw AgentsError.config(section.file, section.key("fallback"),
                                     "\"\(fallback)\" is not an agent; use one of \(agents.sorted().joined(separator: ", "))")
        }
        let examplesSection = try section.section("examples")
        try examplesSection.rejectUnknownKeys(agents)
        var examples: [String: [String]] = [:]
        for agent in agents.sorted() {
            examples[agent] = try examplesSection.stringList(agent, required: true)
        }
        var keywords: [String: [String]] = [:]
        if let keywordSection = try section.optionalSection("keywords") {
            try keywordSection.rejectUnknownKeys(agents)
            for agent in agents.sorted() { keywords[agent] = try keywordSection.stringList(agent) }
        }
        return RouterConfiguration(threshold: try section.double("threshold", in: 0...1), fallback: fallback,
                                   examples: examples, keywords: keywords, rules: try loadRules(section, agents: agents),
                                   training: try loadTraining(section, agents: agents, base: base))
    }

    private static func loadRules(_ section: ConfigSection, agents: Set<String>) throws -> [RoutingRule] {
        guard let raw = section.values["rules"] else { return [] }
        guard let list = raw as? [Any] else {
            throw AgentsError.config(section.file, section.key("rules"), "must be a list of {agent, why, match, unless} rules")
        }
        return try list.enumerated().map { index, item in
            let entry = try ConfigSection(file: section.file, path: section.key("rules") + "[\(index)]", value: item)
            try entry.rejectUnknownKeys(["agent", "why", "match", "unless"])
            let agent = try entry.string("agent")
            guard agents.contains(agent) else {
                throw AgentsError.config(entry.file, entry.key("agent"),
                                         "\"\(agent)\" is not an agent; use one of \(agents.sorted().joined(separator: ", "))")
            }
            let patterns = try entry.stringList("match", required: true)
            let unless = try entry.stringList("unless")
            do {
                return try RoutingRule(agent: agent, why: try entry.string("why"), patterns: patterns, unless: unless)
            } catch let error as AgentsError {
                throw error
            } catch {
                throw AgentsError.config(entry.file, entry.key("match"), "a pattern is not a valid regular expression: \(error)")
            }
        }
    }

    private static func loadBackend(_ section: ConfigSection) throws -> BackendConfiguration {
        try section.rejectUnknownKeys(["backend", "model", "base_url", "base_urls", "api_key_env", "context_length",
                                       "max_concurrent", "max_queued", "retry_after_seconds",
                                       "connect_timeout_seconds", "timeout_seconds", "max_retries",
                                       "server_backoff_seconds", "server_backoff_max_seconds", "streaming",
                                       "stream_usage", "profile"])
        let kindName = try section.string("backend")
        guard let kind = BackendConfiguration.Kind(rawValue: kindName) else {
            throw AgentsError.config(section.file, section.key("backend"), "\"\(kindName)\" is not a backend; use embedded or openai")
        }
        let servers = try loadServers(section, required: kind == .openai)
        let backoff = try section.double("server_backoff_seconds", default: 1, in: 0.001...3600)
        return BackendConfiguration(
            kind: kind, model: try section.string("model"), servers: servers,
            apiKeyEnv: try section.optionalString("api_key_env"),
            contextLength: section.values["context_length"] == nil ? nil : try section.int("context_length", in: 256...1_048_576),
            maxConcurrent: try section.int("max_concurrent", default: 1, in: 1...64),
            maxQueued: try section.int("max_queued", default: 8, in: 0...1024),
            retryAfterSeconds: try section.int("retry_after_seconds", default: 5, in: 1...3600),
            connectTimeoutSeconds: try section.double("connect_timeout_seconds", default: 5, in: 0.1...300),
            requestTimeoutSeconds: try section.double("timeout_seconds", default: 120, in: 0.1...3600),
            maxRetries: try section.int("max_retries", default: 2, in: 0...10),
            serverBackoffSeconds: backoff,
            serverBackoffMaxSeconds: try section.double("server_backoff_max_seconds", default: max(60, backoff), in: backoff...86_400),
            streaming: try section.bool("streaming", default: true),
            streamUsage: try section.bool("stream_usage", default: true),
            profile: try loadProfile(section))
    }

    /// `base_url` (a pool of one) or `base_urls` (a pool), never both; each an http(s) URL, no
    /// repeats. A `base_urls` entry is a URL, or `{url, model?, api_key_env?}` for a server that
    /// names the model or takes a key of its own.
    private static func loadServers(_ section: ConfigSection, required: Bool) throws -> [ModelServerSettings] {
        let one = try section.optionalString("base_url")
        var servers: [ModelServerSettings]
        if let list = section.values["base_urls"] {
            if one != nil {
                throw AgentsError.config(section.file, section.key("base_urls"), "and base_url are both set; list every server under base_urls")
            }
            guard let items = list as? [Any], !items.isEmpty else {
                throw AgentsError.config(section.file, section.key("base_urls"), "must be a non-empty list of server URLs")
            }
            servers = try items.enumerated().map { i, item in try loadServer(item, section: section, index: i) }
        } else {
            servers = one.map { [ModelServerSettings(url: $0)] } ?? []
        }
        if required, servers.isEmpty {
            throw AgentsError.config(section.file, section.key("base_url"), "is missing; the openai backend needs the server's URL, e.g. http://127.0.0.1:8000/v1 (or base_urls: [...] for a pool)")
        }
        for (i, server) in servers.enumerated() {
            let name = one == nil ? "\(section.key("base_urls"))[\(i)]" : section.key("base_url")
            guard let parts = URLComponents(string: server.url), ["http", "https"].contains(parts.scheme?.lowercased() ?? ""),
                  let host = parts.host, !host.isEmpty else {
                throw AgentsError.config(section.file, name, "\"\(server.url)\" is not an http(s) URL, e.g. http://127.0.0.1:8000/v1")
            }
            if servers[..<i].contains(where: { $0.url == server.url }) {
                throw AgentsError.config(section.file, name, "\"\(server.url)\" is listed twice")
            }
        }
        return servers
    }

    private static func loadServer(_ item: Any, section: ConfigSection, index: Int) throws -> ModelServerSettings {
        if let url = item as? String, !url.isEmpty { return ModelServerSettings(url: url) }
        guard item is [String: Any] else {
            throw AgentsError.config(section.file, "\(section.key("base_urls"))[\(index)]", "must be a URL or a mapping with url (and model, api_key_env)")
        }
        let entry = try ConfigSection(file: section.file, path: "\(section.key("base_urls"))[\(index)]", value: item)
        try entry.rejectUnknownKeys(["url", "model", "api_key_env"])
        return ModelServerSettings(url: try entry.string("url"), model: try entry.optionalString("model"),
                                   apiKeyEnv: try entry.optionalString("api_key_env"))
    }

    private static func loadProfile(_ section: ConfigSection) throws -> PromptProfile? {
        guard section.values["profile"] != nil else { return nil }
        let name = try section.string("profile")
        guard let profile = PromptProfile(rawValue: name) else {
            throw AgentsError.config(section.file, section.key("profile"), "\"\(name)\" is not a prompt profile; use compact or full")
        }
        return profile
    }
}
