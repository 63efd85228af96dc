import Foundation
import GRDB

extension SpotterStore {
    /// Starts a conversation for `user` and returns it.
    public func createConversation(user: String, id: String = UUID().uuidString.lowercased(), title: String? = nil) async throws -> Conversation {
        try await writer.write { db in
            _ = try Self.requireUser(db, id: user)
            let conversation = Conversation(id: id, userID: user, title: title)
            try db.execute(sql: "INSERT INTO conversations (id, user_id, title, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [id, user, title, conversation.createdAt.timeIntervalSince1970])
            return conversation
        }
    }

    /// The conversation, if it exists and belongs to `user` (never another user's).
    public func conversation(id: String, user: String) async throws -> Conversation? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM conversations WHERE id = ? AND user_id = ?", arguments: [id, user]).map {
                Conversation(id: $0["id"], userID: $0["user_id"], title: $0["title"], createdAt: Date(timeIntervalSince1970: $0["created_at"]))
            }
        }
    }

    /// Appends a message to a conversation of `user` and returns it with its id.
    @discardableResult
    public func appendMessage(conversation: String, user: String, role: ChatMessage.Role, content: String,
                              agent: String? = nil) async throws -> ChatMessage {
        try await writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM conversations WHERE id = ? AND user_id = ?", arguments: [conversation, user]) == true else {
                throw StoreError(.notFound, "conversation '\(conversation.prefix(80))' of user '\(user)' does not exist")
            }
            let now = Date()
            try db.execute(sql: "INSERT INTO messages (conversation_id, role, content, agent, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [conversation, role.rawValue, content, agent, now.timeIntervalSince1970])
            return ChatMessage(id: db.lastInsertedRowID, conversationID: conversation, role: role, content: content, agent: agent, createdAt: now)
        }
    }

    /// The last `limit` messages of a conversation of `user`, oldest first.
    public func messages(conversation: String, user: String, limit: Int = 50) async throws -> [ChatMessage] {
        try await writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.* FROM messages m JOIN conversations c ON m.conversation_id = c.id
                WHERE c.id = ? AND c.user_id = ? ORDER BY m.id DESC LIMIT ?
                """, arguments: [conversation, user, min(max(limit, 1), 1000)])
            return rows.reversed().map { r in
                ChatMessage(id: r["id"], conversationID: r["conversation_id"], role: ChatMessage.Role(rawValue: r["role"]) ?? .user,
                            content: r["content"], agent: r["agent"], createdAt: Date(timeIntervalSince1970: r["created_at"]))
            }
        }
    }

    /// Records feedback on an answer. Returns the feedback row id.
    @discardableResult
    public func saveFeedback(_ feedback: Feedback) async throws -> Int64 {
        guard (-1...1).contains(feedback.rating) else { throw StoreError.invalid("rating", "rating \(feedback.rating) must be -1, 0 or 1") }
        return try await writer.write { db in
            _ = try Self.requireUser(db, id: feedback.userID)
            try db.execute(sql: "INSERT INTO feedback (user_id, conversation_id, message_id, rating, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [feedback.userID, feedback.conversationID, feedback.messageID, feedback.rating,
                                       feedback.comment, feedback.createdAt.timeIntervalSince1970])
            return db.lastInsertedRowID
        }
    }
}
