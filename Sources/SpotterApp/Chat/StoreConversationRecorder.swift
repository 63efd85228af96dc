import Agents
import Foundation
import Store

/// `ConversationRecording` over the Store. A conversation id the client chose is created on
/// its first stored turn; a conversation that belongs to another user is `AgentsError(.notFound)`
/// (404), exactly as if it did not exist, so ids reveal nothing about other users.
public struct StoreConversationRecorder: ConversationRecording {
    let store: any RecordStore

    public init(store: any RecordStore) {
        self.store = store
    }

    public func recentMessages(conversation: String, user: String, limit: Int) async throws -> [ConversationMessage] {
        guard let owner = try await store.conversationOwner(id: conversation) else { return [] }
        guard owner == user else { throw Self.notFound(conversation, user) }
        return try await store.messages(conversation: conversation, user: user, limit: limit)
            .filter { $0.role != .system }
            .map { ConversationMessage(role: $0.role.rawValue, content: $0.content) }
    }

    public func append(_ turn: ConversationTurn) async throws {
        do {
            try await store.appendExchange(conversation: turn.conversation, user: turn.user, message: turn.message,
                                           reply: turn.reply, agent: turn.agent, at: turn.createdAt)
        } catch let error as StoreError where error.kind == .notFound {
            throw AgentsError(.notFound, error.message)
        }
    }

    static func notFound(_ conversation: String, _ user: String) -> AgentsError {
        AgentsError(.notFound, "conversation '\(conversation.prefix(80))' of user '\(user)' does not exist; omit conversation to start a new one")
    }
}
