import Foundation

/// One rated chat turn: the user's message, the reply they rated, and the rating (`POST
/// /v1/feedback`, stored on the -1/0/+1 scale), read from the daemon's store by `RatedTurnReader`.
public struct RatedTurn: Sendable, Equatable {
    /// The feedback row id (stable: candidate case ids are made from it).
    public var feedbackID: Int64
    public var user: String
    public var conversation: String
    /// -1 (down, 1–2 stars), 0 (3 stars) or +1 (up, 4–5 stars).
    public var rating: Int
    public var comment: String?
    /// The user's message the reply answered.
    public var message: String
    /// The rated reply.
    public var reply: String
    /// The agent that answered (`insight`, `planner`, `coach`), when stored.
    public var agent: String?
    public var ratedAt: Date
    /// The user's profile as a `PUT /v1/users/{user}` body (nil when the user no longer exists).
    public var profile: JSONValue?

    public init(feedbackID: Int64, user: String, conversation: String, rating: Int, comment: String? = nil, message: String,
                reply: String, agent: String? = nil, ratedAt: Date, profile: JSONValue? = nil) {
        self.feedbackID = feedbackID
        self.user = user
        self.conversation = conversation
        self.rating = rating
        self.comment = comment
        self.message = message
        self.reply = reply
        self.agent = agent
        self.ratedAt = ratedAt
        self.profile = profile
    }
}
