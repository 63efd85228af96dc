import Foundation
import LanguageModel
import LLM

/// Builds the messages sent to the model, within the model's context length:
///
/// 1. the agent's **static prefix**: its system prompt and the leading few-shot exchanges
///    (user / assistant pairs) that fit `contextLength − agent.maxTokens − agent.contextTokens −
///    dynamicReserve` tokens. It depends only on the agent's configuration and the context
///    length, never on the request, so it is byte-stable and the embedded engine keeps it
///    prefilled (`ChatService.warmAgentPrefixes()`);
/// 2. remembered conversation messages (most recent kept first);
/// 3. the user's message, preceded by a delimited context block
///    (`<context> ... </context>`: grounding facts, last check-in, profile, recent sessions,
///    knowledge passages — only the requesting user's data). The compact profile renders only
///    what the message is about (`ContextBlock.renderCompact`).
///
/// Budget: `contextLength − maxTokens` for the whole prompt. The prefix and the message are
/// always kept — a message that cannot fit is an `AgentsError.promptTooLong` (422) naming the
/// sizes, never truncated; then the context block (capped at the agent's `context_tokens`,
/// filled section by section), then memory. Tokens are counted by `counter`: exactly with the
/// embedded model's tokenizer, else estimated conservatively from UTF-8 length (`TokenEstimate`).
struct PromptAssembler {
    var contextLength: Int
    var counter: TokenCounter = .estimate
    /// Tokens left for the message and remembered turns when choosing few-shot exchanges.
    static let dynamicReserve = 256

    struct Prompt {
        var messages: [ChatMessage]
        /// Tokens of the whole prompt (exact when `counter.isExact`).
        var estimatedTokens: Int
        var citations: [Passage]
        var droppedFewShot: Int
        var droppedMemory: Int
        /// Messages of the static prefix at the start of `messages`.
        var prefixMessages: Int
    }

    /// The agent's static prefix: system prompt and the few-shot exchanges that fit its budget.
    func staticPrefix(for agent: AgentDefinition) -> [ChatMessage] {
        let budget = contextLength - agent.maxTokens - agent.contextTokens - Self.dynamicReserve
        var messages = [ChatMessage.system(agent.systemPrompt)]
        for exchange in agent.fewShot {
            let candidate = messages + exchange.messages
            guard counter.prompt(candidate) <= budget else { break }
            messages = candidate
        }
        return messages
    }

    func assemble(agent: AgentDefinition, maxTokens: Int, context: UserContext, facts: [GroundingFact],
                  passages: [Passage], memory: [ConversationMessage], message: String,
                  intent: MessageIntent = []) throws -> Prompt {
        let budget = contextLength - maxTokens
        let prefix = staticPrefix(for: agent)
        let bare = counter.prompt(prefix + [.user(message)])
        guard bare <= budget else {
            let prefixTokens = counter.prompt(prefix)
            throw AgentsError.promptTooLong(agent: agent.name, messageTokens: max(1, bare - prefixTokens), prefixTokens: prefixTokens,
                                            replyTokens: maxTokens, contextLength: contextLength)
        }
        // The context block: the agent's cap, or what is left; shrunk while the exact count overshoots.
        var blockBudget = min(agent.contextTokens, budget - bare - 4)
        var block = "", cited: [Passage] = []
        var used = bare
        for _ in 0..<4 {
            (block, cited) = agent.profile == .compact
                ? ContextBlock.renderCompact(agent: agent, intent: intent, context: context, facts: facts, passages: passages, budget: blockBudget)
                : ContextBlock.render(agent: agent, context: context, facts: facts, passages: passages, budget: blockBudget)
            used = counter.prompt(prefix + [.user(Self.join(block, message))])
            if used <= budget || block.isEmpty { break }
            blockBudget -= used - budget + 8
        }
        if used > budget { (block, cited) = ("", []); used = bare }
        let last = ChatMessage.user(Self.join(block, message))

        // Memory, most recent first, while the whole prompt fits.
        var kept: [ConversationMessage] = []
        for turn in memory.reversed() {
            let cost = counter.text(turn.content) + 5
            guard used + cost <= budget else { break }
            used += cost
            kept.insert(turn, at: 0)
        }
        // Memory must start with a user message so roles alternate.
        while let first = kept.first, first.role != "user" { kept.removeFirst() }
        var messages: [ChatMessage] { prefix + kept.map { $0.role == "assistant" ? .assistant($0.content) : .user($0.content) } + [last] }
        var total = counter.prompt(messages)
        while total > budget, !kept.isEmpty {   // per-message counts were approximate: settle exactly
            kept.removeFirst(min(2, kept.count))
            total = counter.prompt(messages)
        }
        return Prompt(messages: messages, estimatedTokens: total, citations: cited,
                      droppedFewShot: agent.fewShot.count - (prefix.count - 1) / 2, droppedMemory: memory.count - kept.count,
                      prefixMessages: prefix.count)
    }

    static func join(_ block: String, _ message: String) -> String { block.isEmpty ? message : block + "\n\n" + message }
}

/// Counts prompt tokens: exactly with the embedded model's tokenizer (`exact(for:)`), or the
/// conservative estimate for backends that do not expose one.
struct TokenCounter: Sendable {
    let isExact: Bool
    let text: @Sendable (String) -> Int
    /// The whole prompt for these messages, chat template and generation prompt included.
    let prompt: @Sendable ([ChatMessage]) -> Int

    /// One token per 3 UTF-8 bytes plus 8 per message for the chat template's markers.
    static let estimate = TokenCounter(isExact: false, text: TokenEstimate.of,
                                       prompt: { $0.reduce(3) { $0 + TokenEstimate.of($1.content) + 8 } })

    /// Exact counts when `backend` has a tokenizer (the embedded engine), else `estimate`.
    static func exact(for backend: any ChatBackend) -> TokenCounter {
        guard let caching = backend as? any PromptCachingBackend, caching.promptTokenCount(for: []) != nil else { return .estimate }
        return TokenCounter(isExact: true, text: { caching.textTokenCount($0) ?? TokenEstimate.of($0) },
                            prompt: { caching.promptTokenCount(for: $0) ?? TokenCounter.estimate.prompt($0) })
    }
}

/// A conservative token count: byte-level BPE vocabularies average ~4 bytes of English per
/// token; numbers and punctuation cost more, so count one token per 3 bytes.
enum TokenEstimate {
    static func of(_ text: String) -> Int { (text.utf8.count + 2) / 3 }
}

extension AgentsError {
    /// The message does not fit beside the agent's static prefix and the reply (HTTP 422).
    static func promptTooLong(agent: String, messageTokens: Int, prefixTokens: Int, replyTokens: Int, contextLength: Int) -> AgentsError {
        let room = max(0, contextLength - prefixTokens - replyTokens)
        return AgentsError(.unprocessable,
                           "the message is \(messageTokens) tokens, but the model's context of \(contextLength) tokens holds the \(agent) agent's "
                           + "system prompt and examples (\(prefixTokens) tokens) and the reply (\(replyTokens) tokens), leaving \(room); shorten the message")
    }
}
