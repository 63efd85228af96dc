import Foundation

/// The seams through which Agents reads users, grounding and knowledge and records turns.
/// The lead adapts Store, Coaching and Knowledge to them; tests use doubles.
/// Every call is scoped to one user id: a provider must never return another user's data.

/// A user's profile, recent training and last check-in.
public protocol UserContextProviding: Sendable {
    /// Context for `user`; throws `AgentsError(.notFound)` for an unknown user, or returns an
    /// empty context when the daemon allows chatting before a profile exists.
    func userContext(for user: String) async throws -> UserContext
}

/// Grounding facts computed by the daemon's own models (overload targets, recovery, ...).
public protocol GroundingProviding: Sendable {
    func groundingFacts(for message: String, user: String, context: UserContext) async throws -> [GroundingFact]
}

/// What one chat request knows about its user: the prompt's context and, when the agent uses
/// grounding, the facts. The daemon's provider reads the user's history once and derives both
/// from that one read, so the prompt and the grounding never see different data.
public protocol ChatContextProviding: Sendable {
    /// Context (and facts when `grounding`) for `user`; throws `AgentsError(.notFound)` for an
    /// unknown user.
    func chatContext(for user: String, message: String, grounding: Bool) async throws -> ChatContext
}

/// The user's context for the prompt and the grounding facts the reply must agree with.
public struct ChatContext: Sendable, Equatable {
    public var user: UserContext
    public var facts: [GroundingFact]

    public init(user: UserContext, facts: [GroundingFact] = []) {
        self.user = user
        self.facts = facts
    }
}

/// A `ChatContextProviding` over a separate context provider and grounding provider (each may
/// read on its own); for tests and for clients without a shared history.
public struct SeparateChatContextProviders: ChatContextProviding {
    public let users: any UserContextProviding
    public let grounding: (any GroundingProviding)?

    public init(users: any UserContextProviding, grounding: (any GroundingProviding)?) {
        self.users = users
        self.grounding = grounding
    }

    public func chatContext(for user: String, message: String, grounding wanted: Bool) async throws -> ChatContext {
        let context = try await users.userContext(for: user)
        guard wanted, let grounding else { return ChatContext(user: context) }
        return ChatContext(user: context, facts: try await grounding.groundingFacts(for: message, user: user, context: context))
    }
}

/// Knowledge-base passages relevant to a query (hybrid search in Knowledge).
public protocol PassageRetrieving: Sendable {
    func passages(for query: String, limit: Int) async throws -> [Passage]
}

/// Conversation memory: earlier turns and appending new ones.
public protocol ConversationRecording: Sendable {
    /// The last `limit` messages of `conversation` (oldest first). Throws `AgentsError(.notFound)`
    /// when the conversation does not exist or belongs to another user.
    func recentMessages(conversation: String, user: String, limit: Int) async throws -> [ConversationMessage]
    /// Stores one exchange (the user's message and the reply) atomically.
    func append(_ turn: ConversationTurn) async throws
}

/// What the daemon knows about one user, as fed into the prompt.
public struct UserContext: Sendable, Equatable, Codable {
    public var user: String
    public var profile: ProfileSummary?
    /// Most recent first.
    public var recentSessions: [SessionSummary]
    public var lastCheckIn: CheckInSummary?

    enum CodingKeys: String, CodingKey {
        case user, profile
        case recentSessions = "recent_sessions"
        case lastCheckIn = "last_check_in"
    }

    public init(user: String, profile: ProfileSummary? = nil, recentSessions: [SessionSummary] = [], lastCheckIn: CheckInSummary? = nil) {
        self.user = user
        self.profile = profile
        self.recentSessions = recentSessions
        self.lastCheckIn = lastCheckIn
    }
}

public struct ProfileSummary: Sendable, Equatable, Codable {
    public var age: Int?
    public var bodyweight: Double?
    /// `kg` or `lb`.
    public var units: String
    public var experience: String?
    public var goal: String?
    public var daysPerWeek: Int?
    public var equipment: [String]
    public var injuries: [String]

    enum CodingKeys: String, CodingKey {
        case age, bodyweight, units, experience, goal, equipment, injuries
        case daysPerWeek = "days_per_week"
    }

    public init(age: Int? = nil, bodyweight: Double? = nil, units: String = "kg", experience: String? = nil,
                goal: String? = nil, daysPerWeek: Int? = nil, equipment: [String] = [], injuries: [String] = []) {
        self.age = age
        self.bodyweight = bodyweight
        self.units = units
        self.experience = experience
        self.goal = goal
        self.daysPerWeek = daysPerWeek
        self.equipment = equipment
        self.injuries = injuries
    }
}

public struct SessionSummary: Sendable, Equatable, Codable {
    /// `YYYY-MM-DD`.
    public var date: String
    public var title: String
    public var exercises: [ExerciseSummary]

    public init(date: String, title: String, exercises: [ExerciseSummary]) {
        self.date = date
        self.title = title
        self.exercises = exercises
    }
}

public struct ExerciseSummary: Sendable, Equatable, Codable {
    public var name: String
    public var sets: [SetSummary]

    public init(name: String, sets: [SetSummary]) {
        self.name = name
        self.sets = sets
    }
}

public struct SetSummary: Sendable, Equatable, Codable {
    public var weight: Double
    public var reps: Int
    public var rpe: Double?

    public init(weight: Double, reps: Int, rpe: Double? = nil) {
        self.weight = weight
        self.reps = reps
        self.rpe = rpe
    }
}

/// A knowledge-base passage.
public struct Passage: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var text: String
    public var score: Double

    public init(id: String, title: String, text: String, score: Double) {
        self.id = id
        self.title = title
        self.text = text
        self.score = score
    }
}

/// A stored message of a conversation.
public struct ConversationMessage: Sendable, Equatable, Codable {
    /// `user` or `assistant`.
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

/// One exchange to store.
public struct ConversationTurn: Sendable, Equatable, Codable {
    public var conversation: String
    public var user: String
    public var agent: String
    public var message: String
    public var reply: String
    public var routing: RoutingDecision
    public var usage: Usage
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case conversation, user, agent, message, reply, routing, usage
        case createdAt = "created_at"
    }

    public init(conversation: String, user: String, agent: String, message: String, reply: String,
                routing: RoutingDecision, usage: Usage, createdAt: Date) {
        self.conversation = conversation
        self.user = user
        self.agent = agent
        self.message = message
        self.reply = reply
        self.routing = routing
        self.usage = usage
        self.createdAt = createdAt
    }
}
