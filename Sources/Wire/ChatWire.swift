/// Wire types of `POST /v1/chat` (JSON keys in snake_case). The Server mounts them as they are:
///
/// request  `{user, message, agent: auto|insight|planner|coach, conversation?, stream?,
///            temperature?, seed?, max_tokens?}`
/// response `{conversation, agent, routing: {agent, method, score, reason}, reply, lead?, grounding,
///            citations: [{id, title, snippet, score}], checks: [{kind, message, corrected}],
///            usage: {prompt_tokens, completion_tokens}, timings: {...}, model, backend, plan?}`
///          `plan` (`SessionPlan`, schemas/session-plan.schema.json) is present when the Planner
///          answered a request for a session; absent otherwise.
/// stream   `event: meta` (`ChatMeta`, with `lead` and `plan` as above), `event: delta` (`{"text": ...}`)..., `event: done` (`ChatDone`).
/// route    `POST /v1/chat/route` `{message, agent?}` → `{agent, method, score, reason}` (no generation).

/// A chat request.
public struct ChatRequest: Sendable, Equatable, Codable {
    public var user: String
    public var message: String
    /// `auto` (or absent) lets the router choose.
    public var agent: String?
    /// Continue this conversation; absent starts a new one.
    public var conversation: String?
    public var stream: Bool?
    /// Overrides the agent's temperature (0...2).
    public var temperature: Double?
    public var seed: UInt64?
    /// Caps the agent's `max_tokens`.
    public var maxTokens: Int?

    public init(user: String, message: String, agent: String? = nil, conversation: String? = nil,
                stream: Bool? = nil, temperature: Double? = nil, seed: UInt64? = nil, maxTokens: Int? = nil) {
        self.user = user
        self.message = message
        self.agent = agent
        self.conversation = conversation
        self.stream = stream
        self.temperature = temperature
        self.seed = seed
        self.maxTokens = maxTokens
    }

    enum CodingKeys: String, CodingKey {
        case user, message, agent, conversation, stream, temperature, seed
        case maxTokens = "max_tokens"
    }
}

/// The facts the reply was grounded on, returned beside the text so apps can show trusted numbers.
public struct GroundingReport: Sendable, Equatable, Codable {
    public var facts: [GroundingFact]
    public var lastCheckIn: CheckInSummary?

    public init(facts: [GroundingFact], lastCheckIn: CheckInSummary?) {
        self.facts = facts
        self.lastCheckIn = lastCheckIn
    }

    enum CodingKeys: String, CodingKey {
        case facts
        case lastCheckIn = "last_check_in"
    }
}

/// A knowledge passage the prompt included.
public struct Citation: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var snippet: String
    public var score: Double

    public init(id: String, title: String, snippet: String, score: Double) {
        self.id = id
        self.title = title
        self.snippet = snippet
        self.score = score
    }
}

/// A finding of the answer checker.
public struct AnswerCheck: Sendable, Equatable, Codable {
    /// e.g. `load_out_of_range`.
    public var kind: String
    public var message: String
    /// True when the reply was changed to fix it.
    public var corrected: Bool

    public init(kind: String, message: String, corrected: Bool) {
        self.kind = kind
        self.message = message
        self.corrected = corrected
    }
}

/// Milliseconds spent per step; `first_token_ms` is from request start to the first delta.
public struct Timings: Sendable, Equatable, Codable {
    public var totalMs: Double
    public var routingMs: Double
    public var contextMs: Double
    public var generationMs: Double
    public var firstTokenMs: Double?

    public init(totalMs: Double = 0, routingMs: Double = 0, contextMs: Double = 0, generationMs: Double = 0, firstTokenMs: Double? = nil) {
        self.totalMs = totalMs
        self.routingMs = routingMs
        self.contextMs = contextMs
        self.generationMs = generationMs
        self.firstTokenMs = firstTokenMs
    }

    enum CodingKeys: String, CodingKey {
        case totalMs = "total_ms"
        case routingMs = "routing_ms"
        case contextMs = "context_ms"
        case generationMs = "generation_ms"
        case firstTokenMs = "first_token_ms"
    }
}

/// The whole answer to a non-streaming chat request.
public struct ChatResponse: Sendable, Equatable, Codable {
    public var conversation: String
    public var agent: String
    public var routing: RoutingDecision
    public var reply: String
    public var grounding: GroundingReport
    public var citations: [Citation]
    public var checks: [AnswerCheck]
    public var usage: Usage
    public var timings: Timings
    public var model: String
    public var backend: String
    /// The grounded opening of `reply` (its first characters, rendered from the facts, not
    /// generated), so apps can style it; absent when the reply has none.
    public var lead: String?
    /// The structured session when the Planner was asked for one (absent otherwise).
    public var plan: SessionPlan?

    public init(conversation: String, agent: String, routing: RoutingDecision, reply: String, grounding: GroundingReport,
                citations: [Citation], checks: [AnswerCheck], usage: Usage, timings: Timings, model: String, backend: String,
                lead: String? = nil, plan: SessionPlan? = nil) {
        self.conversation = conversation
        self.agent = agent
        self.routing = routing
        self.reply = reply
        self.grounding = grounding
        self.citations = citations
        self.checks = checks
        self.usage = usage
        self.timings = timings
        self.model = model
        self.backend = backend
        self.lead = lead
        self.plan = plan
    }
}

/// First streamed event: who answers, why, and on what grounds.
public struct ChatMeta: Sendable, Equatable, Codable {
    public var conversation: String
    public var agent: String
    public var routing: RoutingDecision
    public var grounding: GroundingReport
    public var citations: [Citation]
    public var model: String
    public var backend: String
    /// The grounded lead the reply opens with (it is also the first `delta`).
    public var lead: String?
    /// The structured session when the Planner was asked for one (absent otherwise).
    public var plan: SessionPlan?

    public init(conversation: String, agent: String, routing: RoutingDecision, grounding: GroundingReport,
                citations: [Citation], model: String, backend: String, lead: String? = nil, plan: SessionPlan? = nil) {
        self.conversation = conversation
        self.agent = agent
        self.routing = routing
        self.grounding = grounding
        self.citations = citations
        self.model = model
        self.backend = backend
        self.lead = lead
        self.plan = plan
    }
}

/// Last streamed event: the final reply (exactly the text the deltas delivered) and its
/// accounting; `checks` lists what the answer checker changed (`corrected: true`: a number
/// rewritten, a sentence removed, the reply cut at the agent's sentence cap).
public struct ChatDone: Sendable, Equatable, Codable {
    public var reply: String
    public var checks: [AnswerCheck]
    public var usage: Usage
    public var timings: Timings
    public var lead: String?

    public init(reply: String, checks: [AnswerCheck], usage: Usage, timings: Timings, lead: String? = nil) {
        self.reply = reply
        self.checks = checks
        self.usage = usage
        self.timings = timings
        self.lead = lead
    }
}

/// `POST /v1/chat/route`: which agent would answer `message`, without generating.
public struct RouteRequest: Sendable, Equatable, Codable {
    public var message: String
    /// `auto` (or absent) lets the router choose; a name is checked and echoed.
    public var agent: String?

    public init(message: String, agent: String? = nil) {
        self.message = message
        self.agent = agent
    }
}

/// Payload of an `event: delta`.
public struct ChatDelta: Sendable, Equatable, Codable {
    public var text: String
    public init(text: String) { self.text = text }
}
