import Foundation
import GRDB

/// Queries the chat integration needs: who owns a conversation, and storing one exchange
/// (the user's message and the reply) in a single transaction.
extension SpotterStore {
    /// The user id owning conversation `id`, or nil when there is no such conversation.
    /// Used to tell "unknown conversation" from "another user's conversation" without
    /// returning anything of the other user's.
    public func conversationOwner(id: String) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT user_id FROM conversations WHERE id = ?", arguments: [id])
        }
    }

    /// Stores one exchange atomically: creates conversation `id` for `user` when it does not
    /// exist yet (titled with the first message), then appends the user's message and the
    /// assistant's reply. Throws `StoreError(.notFound)` when the conversation belongs to another
    /// user or the user does not exist. Returns the ids of the two messages.
    @discardableResult
    public func appendExchange(conversation id: String, user: String, message: String, reply: String,
                               agent: String, at date: Date = Date()) async throws -> (message: Int64, reply: Int64) {
        try await writer.write { db in
            _ = try Self.requireUser(db, id: user)
            if let owner = try String.fetchOne(db, sql: "SELECT user_id FROM conversations WHERE id = ?", arguments: [id]) {
                guard owner == user else {
                    throw StoreError(.notFound, "conversation '\(id.prefix(80))' of user '\(user)' does not exist")
                }
            } else {
                try db.execute(sql: "INSERT INTO conversations (id, user_id, title, created_at) VALUES (?, ?, ?, ?)",
                               arguments: [id, user, String(message.prefix(80)), date.timeIntervalSince1970])
            }
            let insert = "INSERT INTO messages (conversation_id, role, content, agent, created_at) VALUES (?, ?, ?, ?, ?)"
            try db.execute(sql: insert, arguments: [id, ChatMessage.Role.user.rawValue, message, nil, date.timeIntervalSince1970])
            let messageID = db.lastInsertedRowID
            try db.execute(sql: insert, arguments: [id, ChatMessage.Role.assistant.rawValue, reply, agent, date.timeIntervalSince1970])
            return (messageID, db.lastInsertedRowID)
        }
    }
}
