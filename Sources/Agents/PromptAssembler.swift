import Foundation
import LanguageModel

/// Builds the messages sent to the model, within the model's context length:
///
/// 1. the agent's system prompt;
/// 2. its few-shot exchanges (user / assistant pairs);
/// 3. remembered conversation messages (most recent kept first);
/// 4. the user's message, preceded by a delimited context block
///    (`<context> ... </context>`: grounding facts, last check-in, profile, recent sessions,
///    knowledge passages — only the requesting user's data).
///
/// Budget: `contextLength - maxTokens - reserve`. The system prompt and the message are always
/// kept (a message that cannot fit is a 422); then the first few-shot exchange, then the context
/// block (capped at the agent's `context_tokens`, filled section by section in the order above),
/// then memory, then the remaining few-shot exchanges. Tokens are estimated conservatively from
/// UTF-8 length (`TokenEstimate`).
struct PromptAssembler {
    var contextLength: Int
    /// Tokens kept free for the chat template's role markers.
    var reserve = 48

    struct Prompt {
        var messages: [ChatMessage]
        var estimatedTokens: Int
        var citations: [Passage]
        var droppedFewShot: Int
        var droppedMemory: Int
    }

    func assemble(agent: AgentDefinition, maxTokens: Int, context: UserContext, facts: [GroundingFact],
                  passages: [Passage], memory: [ConversationMessage], message: String) throws -> Prompt {
        let budget = contextLength - maxTokens - reserve
        let system = ChatMessage.system(agent.systemPrompt)
        var used = TokenEstimate.of(system.content) + TokenEstimate.of(message) + 8
        guard used <= budget else {
            throw AgentsError(.unprocessable,
                              "the message is too long for the model's context (about \(TokenEstimate.of(message)) tokens; \(max(0, budget - TokenEstimate.of(system.content))) available); shorten it")
        }
        var fewShot: [FewShotExchange] = []
        func tryFewShot(_ exchange: FewShotExchange) -> Bool {
            let cost = TokenEstimate.of(exchange.user) + TokenEstimate.of(exchange.assistant) + 8
            guard used + cost <= budget else { return false }
            used += cost
            fewShot.append(exchange)
            return true
        }
        if let first = agent.fewShot.first { _ = tryFewShot(first) }

        let blockBudget = min(agent.contextTokens, budget - used)
        let (block, cited) = ContextBlock.render(agent: agent, context: context, facts: facts,
                                                 passages: passages, budget: blockBudget)
        used += TokenEstimate.of(block)

        var kept: [ConversationMessage] = []
        for turn in memory.reversed() {
            let cost = TokenEstimate.of(turn.content) + 4
            guard used + cost <= budget else { break }
            used += cost
            kept.insert(turn, at: 0)
        }
        // Memory must start with a user message so roles alternate.
        while let first = kept.first, first.role != "user" { kept.removeFirst() }
        for exchange in agent.fewShot.dropFirst() { if !tryFewShot(exchange) { break } }

        var messages = [system]
        for exchange in fewShot { messages += exchange.messages }
        for turn in kept {
            messages.append(turn.role == "assistant" ? .assistant(turn.content) : .user(turn.content))
        }
        messages.append(.user(block.isEmpty ? message : block + "\n\n" + message))
        return Prompt(messages: messages, estimatedTokens: used, citations: cited,
                      droppedFewShot: agent.fewShot.count - fewShot.count, droppedMemory: memory.count - kept.count)
    }
}

/// A conservative token count: byte-level BPE vocabularies average ~4 bytes of English per
/// token; numbers and punctuation cost more, so count one token per 3 bytes.
enum TokenEstimate {
    static func of(_ text: String) -> Int { (text.utf8.count + 2) / 3 }
}
