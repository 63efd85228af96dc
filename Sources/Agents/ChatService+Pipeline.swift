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
        /// The grounded opening, shown before any generated text.
        var lead: String?
        /// Reviews generated sentences before they are shown.
        var enforcer: ReplyEnforcer
        /// Exact (embedded) or estimated prompt tokens, for usage when generation stops at the cap.
        var promptTokens: Int
    }

    struct Outcome: Sendable {
        /// The text shown to the client: the lead and the reviewed continuation.
        var text: String
        var usage: ChatUsage
        var generationMs: Double
        var firstTokenMs: Double?
        var checks: [AnswerCheck]
    }

    static let maxMessageCharacters = 8000

    func prepare(_ request: ChatRequest, started: ContinuousClock.Instant) async throws -> Prepared {
        try Self.validate(request)
        let snapshot = currentSnapshot()
        let decision = try snapshot.router.route(request.message, requested: request.agent)
        let intent = MessageIntent.of(request.message)
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
            facts.insert(contentsOf: RuleFacts.facts(for: request.message, intent: intent, profile: known.user.profile), at: 0)
            if agent.tools.contains(.passages), agent.passages > 0, let passages {
                found = try await passages.passages(for: request.message, limit: agent.passages)
            }
            if let id = request.conversation, agent.memoryTurns > 0, let conversations {
                memory = try await conversations.recentMessages(conversation: id, user: request.user, limit: agent.memoryTurns)
            }
        } catch {
            throw AgentsError.wrap(error, during: "context assembly")
        }

        // The Planner's structured session, when asked for one: a fact the prompt shows and the
        // reply opens with, so the text and the plan agree.
        let plan = try await sessionPlan(for: request, agent: agent.name)
        if let plan {
            facts.append(GroundingFact(id: "plan", kind: "plan", subject: "session plan", text: "Planned session: " + plan.summary,
                                       advice: plan.summary))
        }
        let maxTokens = min(request.maxTokens ?? agent.maxTokens, agent.maxTokens)
        let prompt = try PromptAssembler(contextLength: contextLength, counter: promptCounter).assemble(
            agent: agent, maxTokens: maxTokens, context: context, facts: facts, passages: found,
            memory: memory, message: request.message, intent: intent)
        let lead = agent.lead ? GroundedLead.compose(intent: intent, facts: facts) : nil
        let assembled = clock.now
        let meta = ChatMeta(
            conversation: conversation, agent: agent.name, routing: decision,
            grounding: GroundingReport(facts: facts, lastCheckIn: context.lastCheckIn),
            citations: prompt.citations.map { Citation(id: $0.id, title: $0.title, snippet: ContextBlock.clip($0.text, 240), score: $0.score) },
            model: backend.model, backend: backend.kind, lead: lead, plan: plan)
        return Prepared(
            request: request, meta: meta, messages: Self.messages(prompt.messages, lead: lead, continues: backend.continuesFinalAssistantMessage),
            options: ChatOptions(temperature: request.temperature ?? agent.temperature, seed: request.seed,
                                 maxTokens: maxTokens),
            facts: facts, routingMs: Self.ms(routed - started), contextMs: Self.ms(assembled - routed), lead: lead,
            enforcer: ReplyEnforcer(facts: facts, context: context, message: request.message, lead: lead, maxSentences: agent.maxSentences),
            promptTokens: prompt.estimatedTokens)
    }

    /// The prompt with the lead as the start of the assistant turn (a backend that continues a
    /// final assistant message), or as an instruction at the end of the user's message.
    static func messages(_ messages: [ChatMessage], lead: String?, continues: Bool) -> [ChatMessage] {
        guard let lead else { return messages }
        if continues { return messages + [.assistant(lead)] }
        var out = messages
        if let last = out.popLast() {
            out.append(.user(last.content + "\n\n(Your reply already begins with: \"\(lead)\" Continue after it in one or two sentences; do not repeat it.)"))
        }
        return out
    }


    /// Generates, holding each sentence back until the enforcer has reviewed it (`SentenceGate`):
    /// `onDelta` sees only text that stays in the reply. The lead is the first delta. Reaching
    /// the agent's sentence cap stops the generation early.
    func generate(_ prepared: Prepared, started: ContinuousClock.Instant,
                  onDelta: (String) -> Void) async throws -> Outcome {
        let begin = clock.now
        var text = ""
        var usage = ChatUsage(promptTokens: prepared.promptTokens, completionTokens: 0)
        var firstToken: Double?
        var finished = false
        var generated = 0
        var gate = SentenceGate(enforcer: prepared.enforcer, leadSentences: prepared.lead.map(SentenceGate.count) ?? 0)
        func show(_ piece: String) {
            guard !piece.isEmpty else { return }
            var piece = piece
            if let lead = prepared.lead, text == lead, let first = piece.first, !first.isWhitespace { piece = " " + piece }
            if firstToken == nil { firstToken = Self.ms(clock.now - started) }
            text += piece
            onDelta(piece)
        }
        if let lead = prepared.lead { show(lead) }
        do {
            stream: for try await event in backend.stream(prepared.messages, options: prepared.options) {
                switch event {
                case .delta(let piece):
                    generated += 1
                    show(gate.push(piece))
                    if gate.capped { break stream }   // ends the backend's stream: generation stops
                case .finished(let u, _):
                    usage = u
                    finished = true
                }
            }
        } catch {
            throw AgentsError.wrap(error, during: "generation")
        }
        guard !Task.isCancelled, finished || gate.capped else {
            throw AgentsError(.cancelled, "request cancelled during generation")
        }
        if !finished {
            usage.completionTokens = generated
            gate.recordCut()
        }
        show(gate.finish())
        var checks = gate.checks
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            // Nothing survived the review (or the model said nothing): answer from the facts.
            let fallback = prepared.facts.first { $0.advice != nil }?.advice
                ?? "I can't answer that reliably from your logged data yet; log a few sessions or ask about a specific lift."
            show(fallback)
            checks.append(AnswerCheck(kind: "empty_reply", message: "no generated sentence passed the review; answered from the facts", corrected: true))
        }
        return Outcome(text: text, usage: usage, generationMs: Self.ms(clock.now - begin), firstTokenMs: firstToken,
                       checks: checks)
    }

    func finish(_ prepared: Prepared, _ outcome: Outcome, started: ContinuousClock.Instant) async throws -> ChatDone {
        let checked = (reply: outcome.text.trimmingCharacters(in: .whitespacesAndNewlines), checks: outcome.checks)
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
        return ChatDone(reply: checked.reply, checks: checked.checks, usage: usage, timings: timings, lead: prepared.lead)
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
