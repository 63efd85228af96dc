import Foundation
import PostgresNIO
import Store

extension PostgresStore {
    public func createConversation(user: String, id: String = UUID().uuidString.lowercased(), title: String? = nil) async throws -> Conversation {
        let conversation = Conversation(id: id, userID: user, title: title)
        return try await write { conn in
            try await Self.requireUser(conn, id: user, logger: logger)
            try await conn.query("""
                INSERT INTO conversations (id, user_id, title, created_at)
                VALUES (\(id), \(user), \(title), \(conversation.createdAt.timeIntervalSince1970))
                """, logger: logger)
            return conversation
        }
    }

    public func conversation(id: String, user: String) async throws -> Conversation? {
        try await read { conn in
            for try await (id, owner, title, created) in try await conn.query(
                "SELECT id, user_id, title, created_at FROM conversations WHERE id = \(id) AND user_id = \(user)", logger: logger
            ).decode((String, String, String?, Double).self) {
                return Conversation(id: id, userID: owner, title: title, createdAt: Date(timeIntervalSince1970: created))
            }
            return nil
        }
    }

    public func conversationOwner(id: String) async throws -> String? {
        try await read { conn in
            try await conn.query("SELECT user_id FROM conversations WHERE id = \(id)", logger: logger).first(String.self)
        }
    }

    @discardableResult
    public func appendMessage(conversation: String, user: String, role: ChatMessage.Role, content: String,
                              agent: String? = nil) async throws -> ChatMessage {
        try await write { conn in
            guard try await conn.query("SELECT 1 FROM conversations WHERE id = \(conversation) AND user_id = \(user) FOR KEY SHARE",
                                       logger: logger).any() else {
                throw StoreError(.notFound, "conversation '\(conversation.prefix(80))' of user '\(user)' does not exist")
            }
            let now = Date()
            let id = try await Self.insertMessage(conn, conversation: conversation, role: role, content: content, agent: agent, at: now, logger: logger)
            return ChatMessage(id: id, conversationID: conversation, role: role, content: content, agent: agent, createdAt: now)
        }
    }

    /// Stores one exchange atomically, creating the conversation when it does not exist yet
    /// (`ON CONFLICT DO NOTHING`, so two daemons racing on a new id create it once).
    @discardableResult
    public func appendExchange(conversation id: String, user: String, message: String, reply: String,
                               agent: String, at date: Date = Date()) async throws -> (message: Int64, reply: Int64) {
        let ids = try await write { conn in
            try await Self.requireUser(conn, id: user, logger: logger)
            try await conn.query("""
                INSERT INTO conversations (id, user_id, title, created_at)
                VALUES (\(id), \(user), \(String(message.prefix(80))), \(date.timeIntervalSince1970)) ON CONFLICT (id) DO NOTHING
                """, logger: logger)
            let owner = try await conn.query("SELECT user_id FROM conversations WHERE id = \(id) FOR KEY SHARE", logger: logger).first(String.self)
            guard owner == user else {
                throw StoreError(.notFound, "conversation '\(id.prefix(80))' of user '\(user)' does not exist")
            }
            let m = try await Self.insertMessage(conn, conversation: id, role: .user, content: message, agent: nil, at: date, logger: logger)
            let r = try await Self.insertMessage(conn, conversation: id, role: .assistant, content: reply, agent: agent, at: date, logger: logger)
            return [m, r]
        }
        return (ids[0], ids[1])
    }

    public func messages(conversation: String, user: String, limit: Int = 50) async throws -> [ChatMessage] {
        try await read { conn in
            var out: [ChatMessage] = []
            for try await (id, conversationID, role, content, agent, created) in try await conn.query("""
                SELECT m.id, m.conversation_id, m.role, m.content, m.agent, m.created_at
                FROM messages m JOIN conversations c ON m.conversation_id = c.id
                WHERE c.id = \(conversation) AND c.user_id = \(user) ORDER BY m.id DESC LIMIT \(min(max(limit, 1), 1000))
                """, logger: logger).decode((Int64, String, String, String, String?, Double).self) {
                out.append(ChatMessage(id: id, conversationID: conversationID, role: ChatMessage.Role(rawValue: role) ?? .user,
                                       content: content, agent: agent, createdAt: Date(timeIntervalSince1970: created)))
            }
            return out.reversed()
        }
    }

    @discardableResult
    public func saveFeedback(_ feedback: Feedback) async throws -> Int64 {
        guard (-1...1).contains(feedback.rating) else {
            throw StoreError(.invalid(field: "rating"), "rating \(feedback.rating) must be -1, 0 or 1")
        }
        return try await write { conn in
            try await Self.requireUser(conn, id: feedback.userID, logger: logger)
            let rows = try await conn.query("""
                INSERT INTO feedback (user_id, conversation_id, message_id, rating, comment, created_at)
                VALUES (\(feedback.userID), \(feedback.conversationID), \(feedback.messageID), \(feedback.rating),
                        \(feedback.comment), \(feedback.createdAt.timeIntervalSince1970)) RETURNING id
                """, logger: logger)
            guard let id = try await rows.first(Int64.self) else { throw StoreError(.database, "INSERT … RETURNING id returned no row") }
            return id
        }
    }

    static func insertMessage(_ conn: PostgresConnection, conversation: String, role: ChatMessage.Role, content: String,
                              agent: String?, at date: Date, logger: Logger) async throws -> Int64 {
        let rows = try await conn.query("""
            INSERT INTO messages (conversation_id, role, content, agent, created_at)
            VALUES (\(conversation), \(role.rawValue), \(content), \(agent), \(date.timeIntervalSince1970)) RETURNING id
            """, logger: logger)
        guard let id = try await rows.first(Int64.self) else { throw StoreError(.database, "INSERT … RETURNING id returned no row") }
        return id
    }
}
