import Foundation

/// A chat conversation between a user and the coaching agents.
public struct Conversation: Sendable, Equatable, Codable {
    public var id: String
    public var userID: String
    public var title: String?
    public var createdAt: Date

    public init(id: String, userID: String, title: String? = nil, createdAt: Date = Date()) {
        self.id = id
        self.userID = userID
        self.title = title
        self.createdAt = createdAt
    }
}

/// One message of a conversation. `role` is `user`, `assistant` or `system`; `agent` names the
/// agent that answered (assistant messages only).
public struct ChatMessage: Sendable, Equatable, Codable {
    public enum Role: String, Codable, Sendable { case user, assistant, system }

    public var id: Int64
    public var conversationID: String
    public var role: Role
    public var content: String
    public var agent: String?
    public var createdAt: Date

    public init(id: Int64, conversationID: String, role: Role, content: String, agent: String? = nil, createdAt: Date) {
        self.id = id
        self.conversationID = conversationID
        self.role = role
        self.content = content
        self.agent = agent
        self.createdAt = createdAt
    }
}

/// A user's rating of an answer.
public struct Feedback: Sendable, Equatable, Codable {
    public var userID: String
    public var conversationID: String?
    public var messageID: Int64?
    /// -1 (bad), 0 (neutral) or 1 (good).
    public var rating: Int
    public var comment: String?
    public var createdAt: Date

    public init(userID: String, conversationID: String? = nil, messageID: Int64? = nil, rating: Int,
                comment: String? = nil, createdAt: Date = Date()) {
        self.userID = userID
        self.conversationID = conversationID
        self.messageID = messageID
        self.rating = rating
        self.comment = comment
        self.createdAt = createdAt
    }
}
