import Foundation
import GRDB

/// Reads rated chat turns from the daemon's store (`spotter.sqlite` in its data directory),
/// read-only: safe while the daemon runs (WAL). Reads the Store's tables as its migration `v1`
/// defines them: `feedback(id, user_id, conversation_id, message_id, rating, comment, created_at)`,
/// `messages(id, conversation_id, role, content, agent, created_at)` and `users` for the profile.
///
/// The rated reply is the feedback's `message_id` when it names an assistant message (a user
/// message means the reply after it), else the conversation's last assistant message at the time
/// of rating; the message is the user's message before that reply. Feedback on a conversation
/// that no longer exists, or without a reply, is skipped.
public struct RatedTurnReader: Sendable {
    let reader: any DatabaseReader

    /// Opens `spotter.sqlite` in `dataDirectory` read-only.
    public init(dataDirectory: String) throws(EvalError) {
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent("spotter.sqlite").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw EvalError(.storage, "no Spotter store at \(path); pass the daemon's data directory with --data")
        }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            self.init(reader: try DatabaseQueue(path: path, configuration: configuration))
        } catch {
            throw EvalError(.storage, "cannot open the Spotter store at \(path) read-only: \(error)")
        }
    }

    /// Reads from `reader` (tests pass an in-memory database).
    public init(reader: any DatabaseReader) { self.reader = reader }

    /// Rated turns with feedback given at or after `since` (all when nil), oldest first.
    public func ratedTurns(since: Date? = nil) throws(EvalError) -> [RatedTurn] {
        do {
            return try reader.read { db in
                for table in ["feedback", "messages", "users"] where try !db.tableExists(table) {
                    throw EvalError(.storage, "the store has no `\(table)` table; is this a Spotter data directory?")
                }
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, user_id, conversation_id, message_id, rating, comment, created_at FROM feedback
                    WHERE conversation_id IS NOT NULL AND created_at >= ? ORDER BY id
                    """, arguments: [since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude])
                var profiles: [String: JSONValue?] = [:]
                return try rows.compactMap { row -> RatedTurn? in
                    let conversation: String = row["conversation_id"], user: String = row["user_id"]
                    let ratedAt: Double = row["created_at"]
                    guard let reply = try Self.reply(db, conversation: conversation, messageID: row["message_id"], ratedAt: ratedAt),
                          let message = try String.fetchOne(db, sql: """
                              SELECT content FROM messages WHERE conversation_id = ? AND role = 'user' AND id < ? ORDER BY id DESC LIMIT 1
                              """, arguments: [conversation, reply.id]) else { return nil }
                    if profiles[user] == nil { profiles[user] = .some(try Self.profile(db, user: user)) }
                    return RatedTurn(feedbackID: row["id"], user: user, conversation: conversation, rating: row["rating"],
                                     comment: row["comment"], message: message, reply: reply.content, agent: reply.agent,
                                     ratedAt: Date(timeIntervalSince1970: ratedAt), profile: profiles[user] ?? nil)
                }
            }
        } catch let error as EvalError {
            throw error
        } catch {
            throw EvalError(.storage, "cannot read feedback from the Spotter store: \(error)")
        }
    }

    struct StoredReply { var id: Int64; var content: String; var agent: String? }

    static func reply(_ db: Database, conversation: String, messageID: Int64?, ratedAt: Double) throws -> StoredReply? {
        func one(_ sql: String, _ arguments: StatementArguments) throws -> StoredReply? {
            try Row.fetchOne(db, sql: sql, arguments: arguments).map { StoredReply(id: $0["id"], content: $0["content"], agent: $0["agent"]) }
        }
        if let messageID, let named = try Row.fetchOne(db, sql: "SELECT id, role FROM messages WHERE id = ? AND conversation_id = ?",
                                                        arguments: [messageID, conversation]) {
            let role: String = named["role"]
            return try one("SELECT id, content, agent FROM messages WHERE conversation_id = ? AND role = 'assistant' AND id \(role == "assistant" ? ">=" : ">") ? ORDER BY id LIMIT 1",
                           [conversation, messageID])
        }
        return try one("SELECT id, content, agent FROM messages WHERE conversation_id = ? AND role = 'assistant' AND created_at <= ? ORDER BY id DESC LIMIT 1",
                       [conversation, ratedAt])
            ?? one("SELECT id, content, agent FROM messages WHERE conversation_id = ? AND role = 'assistant' ORDER BY id DESC LIMIT 1", [conversation])
    }

    /// The user's profile as a `PUT /v1/users/{user}` body (bodyweight back in the user's units).
    static func profile(_ db: Database, user: String) throws -> JSONValue? {
        guard let r = try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [user]) else { return nil }
        var p: [String: JSONValue] = [:]
        let units: String = r["units"] ?? "kg"
        p["units"] = .string(units)
        if let age: Int = r["age"] { p["age"] = .number(Double(age)) }
        if let sex: String = r["sex"] { p["sex"] = .string(sex) }
        if let kg: Double = r["bodyweight_kg"] {
            p["bodyweight"] = .number(((units == "lb" ? kg / 0.45359237 : kg) * 10).rounded() / 10)
        }
        if let experience: String = r["experience"] { p["experience"] = .string(experience) }
        if let goal: String = r["goal"] { p["goal"] = .string(goal) }
        if let days: Int = r["days_per_week"] { p["days_per_week"] = .number(Double(days)) }
        for key in ["equipment", "injuries"] {
            let text: String = r[key] ?? "[]"
            let list = (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
            p[key] = .array(list.map(JSONValue.string))
        }
        return .object(p)
    }
}
