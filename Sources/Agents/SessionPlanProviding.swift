/// Plans one training session for a user from a chat message (the composition implements it
/// over the user's history, the knowledge base and the Coaching models; tests use doubles).
/// The chat asks only when the Planner answers and the message asks for a session.
public protocol SessionPlanProviding: Sendable {
    /// Whether `message` asks for one training session (not a week or a program).
    func asksForSession(_ message: String) -> Bool
    /// The session for `user` as `message` asks for it; nil when none can be planned. Throws
    /// `AgentsError(.notFound)` for an unknown user.
    func plan(user: String, message: String) async throws -> SessionPlan?
}
