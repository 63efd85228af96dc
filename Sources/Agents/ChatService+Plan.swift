import Foundation

/// The Planner's structured session (`SessionPlan`, returned as `plan` beside the reply).
extension ChatService {
    /// The agent whose answers may carry a plan.
    static let plannerAgent = "planner"

    /// A plan when `agent` is the Planner, a plan provider is configured and the message asks for
    /// a session; nil otherwise. Failures are `AgentsError`s (an unknown user is `.notFound`).
    func sessionPlan(for request: ChatRequest, agent: String) async throws -> SessionPlan? {
        guard agent == Self.plannerAgent, let plans, plans.asksForSession(request.message) else { return nil }
        do {
            return try await plans.plan(user: request.user, message: request.message)
        } catch {
            throw AgentsError.wrap(error, during: "session planning")
        }
    }
}
