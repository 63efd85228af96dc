import Foundation
import LanguageModel
import LLM

/// Keeping each agent's static prompt prefix prefilled in the embedded engine's KV cache.
extension ChatService {
    /// What `warmAgentPrefixes()` did for one agent.
    public struct PrefixWarmupOutcome: Sendable, Equatable {
        public var agent: String
        /// Prefix tokens (system prompt and few-shot turns), or nil when warming failed.
        public var tokens: Int?
        /// Tokens computed (the rest were already cached).
        public var evaluatedTokens: Int
        public var seconds: Double
        /// Why it failed (e.g. the prefix budget is exhausted); the agent then answers uncached.
        public var error: String?
    }

    /// Prefills every agent's static prefix — exactly the system prompt and few-shot turns that
    /// `PromptAssembler` puts first — into the backend's pinned KV slots, one agent at a time,
    /// and drops pinned prefixes of agents that no longer exist. Requests then reuse the
    /// prefix instead of recomputing it; another agent's request never evicts it.
    ///
    /// Call it in the background after start-up and after each successful `reload()` (SIGHUP);
    /// it returns at once (empty) for backends without a prompt cache. Failures are reported
    /// per agent, never thrown: warming is an optimisation.
    public func warmAgentPrefixes(previousAgents: [String] = []) async -> [PrefixWarmupOutcome] {
        guard let caching = backend as? any PromptCachingBackend, caching.promptCacheStatistics != nil else { return [] }
        let configuration = self.configuration
        let assembler = PromptAssembler(contextLength: contextLength, counter: .exact(for: backend))
        for gone in previousAgents where configuration.agents[gone] == nil { caching.dropPrefix(name: gone) }
        var outcomes: [PrefixWarmupOutcome] = []
        for name in configuration.agents.keys.sorted() {
            guard let agent = configuration.agents[name] else { continue }
            let prefix = assembler.staticPrefix(for: agent)
            do {
                let warm = try await caching.warmPrefix(prefix, name: name)
                outcomes.append(PrefixWarmupOutcome(agent: name, tokens: warm?.tokens, evaluatedTokens: warm?.evaluatedTokens ?? 0,
                                                    seconds: warm?.seconds ?? 0, error: nil))
            } catch {
                outcomes.append(PrefixWarmupOutcome(agent: name, tokens: nil, evaluatedTokens: 0, seconds: 0, error: "\(error)"))
            }
        }
        return outcomes
    }

    /// The prompt-token counter the pipeline should use: exact with the embedded tokenizer.
    var promptCounter: TokenCounter { .exact(for: backend) }
}

/// What the embedded engine's prompt cache holds, for `/metrics`.
public struct PromptCacheSnapshot: Sendable, Equatable {
    /// Bytes reserved by the agents' pinned prefixes (within `budgetBytes`).
    public var pinnedBytes: Int
    /// Bytes of cached positions in the working slots (outside the budget).
    public var workingBytes: Int
    /// The pinned-prefix budget.
    public var budgetBytes: Int
    /// Agent → tokens of its pinned prefix.
    public var prefixTokens: [String: Int]
}

extension ChatService {
    /// The prompt cache's state (nil for backends without one, e.g. `openai`). Reads a snapshot:
    /// it never waits for a running generation.
    public var promptCacheSnapshot: PromptCacheSnapshot? {
        guard let stats = (backend as? any PromptCachingBackend)?.promptCacheStatistics else { return nil }
        return PromptCacheSnapshot(pinnedBytes: stats.pinnedBytes, workingBytes: stats.workingBytes,
                                   budgetBytes: stats.prefixBudgetBytes, prefixTokens: stats.pinnedPrefixes)
    }
}
