import Foundation
import Hummingbird
import Store

/// Ratings of chat answers.
///
/// - `POST /v1/feedback` with `{"user": ID, "conversation": ID, "message_id"?: N,
///   "rating": "up"|"down"|1...5, "comment"?: TEXT}` → 201 `{"id", "conversation", "message_id",
///   "rating"}`. Only the conversation's owner may rate it: another user gets the same 404 as
///   for a conversation that does not exist. Ratings are stored on the Store's -1/0/+1 scale:
///   `up`, 4 and 5 → +1; 3 → 0; `down`, 1 and 2 → -1 (the returned `rating` is the stored one).
///   404 when the conversation (or the message within it) does not exist; 422 for a rating
///   outside those values or a comment over 2,000 characters.
struct FeedbackRoutes: RouteGroup {
    let context: ServerContext

    func register(on router: Router<SpotterRequestContext>) {
        let store = context.store
        router.post("/v1/feedback") { request, ctx in
            let body = try await request.decodeJSON(FeedbackRequest.self, context: ctx)
            if let problem = UserID.problem(body.user) { throw APIError.invalidField("user", problem) }
            if let comment = body.comment, let problem = TextRules.notesProblem(comment, field: "comment", maxLength: 2000) {
                throw APIError.invalidField("comment", problem)
            }
            guard let owner = try await store.conversationOwner(id: body.conversation), owner == body.user else {
                throw APIError.notFound("user '\(body.user)' has no conversation '\(body.conversation.prefix(80))'")
            }
            if let messageID = body.messageID {
                let messages = try await store.messages(conversation: body.conversation, user: owner, limit: 1000)
                guard messages.contains(where: { $0.id == messageID }) else {
                    throw APIError.notFound("message \(messageID) is not in conversation '\(body.conversation.prefix(80))'")
                }
            }
            let id = try await store.saveFeedback(Feedback(userID: owner, conversationID: body.conversation, messageID: body.messageID,
                                                           rating: body.rating.stored, comment: body.comment))
            return JSONBody(FeedbackReceipt(id: id, conversation: body.conversation, messageID: body.messageID, rating: body.rating.stored),
                            status: .created)
        }
    }
}

/// The body of `POST /v1/feedback`.
struct FeedbackRequest: Decodable, Sendable {
    /// The rating user: must own the conversation.
    var user: String
    var conversation: String
    var messageID: Int64?
    var rating: FeedbackRating
    var comment: String?

    enum CodingKeys: String, CodingKey {
        case user, conversation, rating, comment
        case messageID = "message_id"
    }
}

/// `up`/`down` or a 1–5 star rating, mapped to the Store's -1/0/+1.
struct FeedbackRating: Decodable, Sendable, Equatable {
    let stored: Int

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let word = try? container.decode(String.self) {
            switch word.lowercased() {
            case "up": stored = 1
            case "down": stored = -1
            default: throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(word.prefix(20))' is not up, down or 1 to 5")
            }
        } else if let stars = try? container.decode(Int.self), (1...5).contains(stars) {
            stored = stars >= 4 ? 1 : (stars == 3 ? 0 : -1)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be up, down or a whole number 1 to 5")
        }
    }
}

struct FeedbackReceipt: Encodable, Sendable {
    var id: Int64
    var conversation: String
    var messageID: Int64?
    var rating: Int

    enum CodingKeys: String, CodingKey {
        case id, conversation, rating
        case messageID = "message_id"
    }
}
