import Foundation
import LanguageModel
import LLM
import Vocabulary

/// The steps of one chat request, shared by `respond(to:)` and `stream(_:)`.
extension ChatService {
    struct Prepared: Sendable {
        var request: ChatRequest
        var meta: ChatMeta
        var messages: [ChatMessage]
        var options: ChatOptions
        var facts: [GroundingFact]
        var routingMs: Double
        var contextMs: Double
    }

    struct Outcome: Sendable {
        var text: String
        var usage: ChatUsage
        var generationMs: Double
        var firstTokenMs: Double?
    }

    static let maxMessageCharacters = 8000

    func prepare(_ request: ChatRequest, started: ContinuousClock.Instant) async throws -> Prepared {
        try Self.validate(request)
        let snapshot = currentSnapshot()
        let decision = try snapshot.router.route(request.message, requested: request.agent)
        let routed = clock.now
        guard let agent = snapshot.configuration.agents[decision.agent] else {
            throw AgentsError(.internalFailure, "router chose \(decision.agent), which has no definition")
        }

        let context: UserContext
        var facts: [GroundingFact] = []
        var found: [Passage] = []
        var memory: [ConversationMessage] = []
        let conversation = request.conversation ?? "c_" + UUID().uuidString.lowercased()
        do {
            let known = try await self.context.chatContext(for: request.user, message: request.message,
                                                           grounding: agent.tools.contains(.grounding))
            context = known.user
            guard context.user == request.user else {
                throw AgentsError(.internalFailure, "the user context provider returned data for another user; refusing to build the prompt")
            }
            facts = known.facts
            if agent.tools.contains(.passages), agent.passages > 0, let passages {
                found = try await passages.passages(for: request.message, limit: agent.passages)
            }
            if let id = request.conversation, agent.memoryTurns > 0, let conversations {
                memory = try await conversations.recentMessages(conversation: id, user: request.user, limit: agent.memoryTurns)
            }
        } catch {
            throw AgentsError.wrap(error, during: "context assembly")
        }

        let maxTokens = min(request.maxTokens ?? agent.maxTokens, agent.maxTokens)
        let prompt = try PromptAssembler(contextLength: contextLength, counter: promptCounter).assemble(
            agent: agent, maxTokens: maxTokens, context: context, facts: facts, passages: found,
            memory: memory, message: request.message)
        let assembled = clock.now
        var meta = ChatMeta(
            conversation: conversation, agent: agent.name, routing: decision,
            grounding: GroundingReport(facts: facts, lastCheckIn: context.lastCheckIn),
            citations: prompt.citations.map { Citation(id: $0.id, title: $0.title, snippet: ContextBlock.clip($0.text, 240), score: $0.score) },
            model: backend.model, backend: backend.kind)
        meta.plan = try await sessionPlan(for: request, agent: agent.name)
        return Prepared(
            request: request, meta: meta, messages: prompt.messages,
            options: ChatOptions(temperature: request.temperature ?? agent.temperature, seed: request.seed,
                                 maxTokens: maxTokens),
            facts: facts, routingMs: Self.ms(routed - started), contextMs: Self.ms(assembled - routed))
    }

    func generate(_ prepared: Prepared, started: ContinuousClock.Instant,
                  onDelta: (String) -> Void) async throws -> Outcome {
        let begin = clock.now
        var text = ""
        var usage = ChatUsage(promptTokens: 0, completionTokens: 0)
        var firstToken: Double?
        var finished = false
        do {
            for try await event in backend.stream(prepared.messages, options: prepared.options) {
                switch event {
                case .delta(let piece):
                    if firstToken == nil { firstToken = Self.ms(clock.now - started) }
                    text += piece
                    onDelta(piece)
                case .finished(let u, _):
                    usage = u
                    finished = true
                }
            }
        } catch {
            throw AgentsError.wrap(error, during: "generation")
        }
        guard finished, !Task.isCancelled else {
            throw AgentsError(.cancelled, "request cancelled during generation")
        }
        return Outcome(text: text, usage: usage, generationMs: Self.ms(clock.now - begin), firstTokenMs: firstToken)
    }

    func finish(_ prepared: Prepared, _ outcome: Outcome, started: ContinuousClock.Instant) async throws -> ChatDone {
        let checked = AnswerChecker().check(outcome.text.trimmingCharacters(in: .whitespacesAndNewlines), facts: prepared.facts)
        let usage = Usage(promptTokens: outcome.usage.promptTokens, completionTokens: outcome.usage.completionTokens)
        if let conversations {
            let turn = ConversationTurn(
                conversation: prepared.meta.conversation, user: prepared.request.user, agent: prepared.meta.agent,
                message: prepared.request.message, reply: checked.reply, routing: prepared.meta.routing,
                usage: usage, createdAt: Date())
            do {
                try await conversations.append(turn)
            } catch {
                throw AgentsError.wrap(error, during: "storing the conversation turn")
            }
        }
        let timings = Timings(totalMs: Self.ms(clock.now - started), routingMs: prepared.routingMs,
                              contextMs: prepared.contextMs, generationMs: outcome.generationMs,
                              firstTokenMs: outcome.firstTokenMs)
        return ChatDone(reply: checked.reply, checks: checked.checks, usage: usage, timings: timings)
    }

    static func validate(_ request: ChatRequest) throws {
        if let problem = UserID.problem(request.user) {
            throw AgentsError(.invalidRequest, problem)
        }
        guard !request.message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw AgentsError(.invalidRequest, "message is empty; send the text to answer")
        }
        guard request.message.count <= maxMessageCharacters else {
            throw AgentsError(.invalidRequest, "message is \(request.message.count) characters; the limit is \(maxMessageCharacters)")
        }
        if let t = request.temperature, !(0...2).contains(t) {
            throw AgentsError(.invalidRequest, "temperature \(t) is out of range; use 0 to 2")
        }
        if let m = request.maxTokens, !(1...8192).contains(m) {
            throw AgentsError(.invalidRequest, "max_tokens \(m) is out of range; use 1 to 8192")
        }
    }

    static func ms(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) * 1000 + Double(atto) / 1e15
    }
}
