import Foundation
import LanguageModel
import LLM
import Synchronization

/// Answers chat requests: validate → route → user context → grounding → passages → prompt →
/// generate → check against the grounding → store the turn → respond.
///
/// Mount it in the HTTP server:
///
/// ```swift
/// let service = ChatService(configuration: try .load(from: url), configurationURL: url,
///                           backend: backend, context: history,
///                           passages: knowledge, conversations: store)
/// let response = try await service.respond(to: request)          // POST /v1/chat
/// for try await event in service.stream(request) { ... }          // stream: true → SSE
/// try service.reload()                                            // on SIGHUP
/// ```
///
/// Errors are `AgentsError`s: a category (`kind`), a message and, when overloaded, `retryAfterSeconds`.
/// Reloading swaps the configuration atomically; requests already running keep the one they
/// started with, so no request is dropped.
public final class ChatService: Sendable {
    public typealias ScorerFactory = @Sendable (RouterConfiguration) -> any UtteranceScorer

    struct Snapshot: Sendable {
        var configuration: AgentsConfiguration
        var router: AgentRouter
    }

    let state: Mutex<Snapshot>
    let configurationURL: URL?
    let scorerFactory: ScorerFactory?
    let backend: any ChatBackend
    let context: any ChatContextProviding
    let passages: (any PassageRetrieving)?
    let conversations: (any ConversationRecording)?
    let plans: (any SessionPlanProviding)?
    let contextLength: Int
    let clock = ContinuousClock()

    /// - Parameters:
    ///   - configurationURL: where `reload()` reads `agents.yaml` from.
    ///   - scorerFactory: builds the router's similarity scorer (default TF-IDF); plug a
    ///     sentence-embedding scorer in here.
    ///   - contextLength: used when the backend does not report its own (default 2048).
    ///   - context: the user's context and grounding, from one read of their history.
    ///   - plans: the Planner's structured sessions (`plan` in the answer); nil leaves it out.
    public init(configuration: AgentsConfiguration, configurationURL: URL? = nil,
                backend: any ChatBackend, context: any ChatContextProviding,
                passages: (any PassageRetrieving)? = nil,
                conversations: (any ConversationRecording)? = nil, plans: (any SessionPlanProviding)? = nil,
                scorerFactory: ScorerFactory? = nil, contextLength: Int = 2048) {
        self.plans = plans
        self.configurationURL = configurationURL
        self.scorerFactory = scorerFactory
        self.backend = backend
        self.context = context
        self.passages = passages
        self.conversations = conversations
        self.contextLength = backend.contextLength ?? contextLength
        self.state = Mutex(Self.snapshot(configuration, scorerFactory))
    }

    /// A service whose user context and grounding come from separate providers.
    public convenience init(configuration: AgentsConfiguration, configurationURL: URL? = nil,
                            backend: any ChatBackend, users: any UserContextProviding,
                            grounding: (any GroundingProviding)? = nil, passages: (any PassageRetrieving)? = nil,
                            conversations: (any ConversationRecording)? = nil,
                            scorerFactory: ScorerFactory? = nil, contextLength: Int = 2048) {
        self.init(configuration: configuration, configurationURL: configurationURL, backend: backend,
                  context: SeparateChatContextProviders(users: users, grounding: grounding), passages: passages,
                  conversations: conversations, scorerFactory: scorerFactory, contextLength: contextLength)
    }

    private static func snapshot(_ configuration: AgentsConfiguration, _ factory: ScorerFactory?) -> Snapshot {
        Snapshot(configuration: configuration,
                 router: AgentRouter(configuration: configuration.router, agentNames: configuration.agentNames,
                                     scorer: factory?(configuration.router)))
    }

    func currentSnapshot() -> Snapshot { state.withLock { $0 } }

    /// The configuration new requests use.
    public var configuration: AgentsConfiguration { state.withLock { $0.configuration } }

    /// Re-reads `agents.yaml` and the prompt files and swaps them in. On any error the running
    /// configuration stays and the error (naming file, key, problem) is thrown.
    @discardableResult
    public func reload() throws -> AgentsConfiguration {
        guard let url = configurationURL else {
            throw AgentsError(.invalidConfiguration, "no configuration file to reload from; start the service with configurationURL")
        }
        let fresh = try AgentsConfiguration.load(from: url)
        let next = Self.snapshot(fresh, scorerFactory)
        state.withLock { $0 = next }
        return fresh
    }

    /// Routes a message without generating (`POST /v1/chat/route`, previews and evaluations).
    /// An empty or over-long message is an `.invalidRequest`, as for a chat.
    public func route(_ message: String, agent: String? = nil) throws -> RoutingDecision {
        guard !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw AgentsError(.invalidRequest, "message is empty; send the text to route")
        }
        guard message.count <= Self.maxMessageCharacters else {
            throw AgentsError(.invalidRequest, "message is \(message.count) characters; the limit is \(Self.maxMessageCharacters)")
        }
        return try state.withLock { $0.router }.route(message, requested: agent)
    }

    /// Answers `request` in one piece.
    public func respond(to request: ChatRequest) async throws -> ChatResponse {
        let started = clock.now
        let prepared = try await prepare(request, started: started)
        let outcome = try await generate(prepared, started: started) { _ in }
        let done = try await finish(prepared, outcome, started: started)
        let meta = prepared.meta
        return ChatResponse(conversation: meta.conversation, agent: meta.agent, routing: meta.routing,
                            reply: done.reply, grounding: meta.grounding, citations: meta.citations,
                            checks: done.checks, usage: done.usage, timings: done.timings,
                            model: meta.model, backend: meta.backend, lead: done.lead, plan: meta.plan)
    }

    /// Answers `request` as events: `.meta`, `.delta`..., `.done`. Dropping the stream (the
    /// client went away) cancels generation and the upstream request; nothing is stored then.
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatStreamEvent, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let started = self.clock.now
                    let prepared = try await self.prepare(request, started: started)
                    continuation.yield(.meta(prepared.meta))
                    let outcome = try await self.generate(prepared, started: started) { continuation.yield(.delta($0)) }
                    continuation.yield(.done(try await self.finish(prepared, outcome, started: started)))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: AgentsError.wrap(error, during: "chat"))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
