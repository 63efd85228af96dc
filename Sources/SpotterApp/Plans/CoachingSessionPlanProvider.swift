import Agents
import Coaching
import Foundation
import Store

/// The Planner's structured sessions, from one read of the user's history: the message is read by
/// `PlanRequestParser` (minutes, equipment, muscles, pain), the session planned by
/// `SessionPlanner` over the knowledge base's exercises with the daemon's overload rules, and
/// returned as the wire `SessionPlan`.
///
/// ```swift
/// let plans = CoachingSessionPlanProvider(coaching: coaching)
/// let plan = try await plans.plan(user: "ana", message: "a 45-minute dumbbell-only session")
/// ```
public struct CoachingSessionPlanProvider: SessionPlanProviding {
    let coaching: CoachingService
    let planner: SessionPlanner
    let now: @Sendable () -> Date

    /// - Parameter now: the planning time (tests pin it).
    public init(coaching: CoachingService, now: @escaping @Sendable () -> Date = { Date() }) {
        self.coaching = coaching
        let catalog = coaching.catalog, resolve = coaching.resolveName
        self.planner = SessionPlanner(recommender: coaching.recommender, rules: coaching.rules,
                                      resolveName: { catalog.id(forName: $0) ?? resolve($0) })
        self.now = now
    }

    public func asksForSession(_ message: String) -> Bool { PlanRequestParser.asksForSession(message) }

    public func plan(user: String, message: String) async throws -> SessionPlan? {
        let history: UserHistory
        do {
            history = try await coaching.history(user: user)
        } catch let error as StoreError where error.kind == .notFound {
            throw AgentsError(.notFound, "user '\(user)' does not exist; create it with PUT /v1/users/\(user)")
        }
        return plan(PlanRequestParser.parse(message), history: history, asOf: now())
    }

    /// The wire plan for `request` over a history already read.
    public func plan(_ request: SessionPlanRequest, history h: UserHistory, asOf: Date) -> SessionPlan {
        Self.wire(planner.plan(request, profile: h.profile, sessions: h.sessions, checkIns: h.checkIns, asOf: asOf))
    }

    /// A planned session in the socket API's spelling.
    static func wire(_ p: PlannedSession) -> SessionPlan {
        SessionPlan(
            minutes: p.minutes, estimatedMinutes: WireRounding.round(p.estimatedMinutes),
            warmupMinutes: WireRounding.round(p.warmupMinutes), unit: p.unit.rawValue,
            equipment: p.equipment.map { $0.union(["body only"]).sorted() },
            muscles: p.muscles.map(\.rawValue).sorted(), avoid: p.avoidedSites,
            exercises: p.exercises.map { e in
                SessionPlan.Exercise(
                    id: e.id, name: e.name, equipment: e.equipment, primaryMuscles: e.primaryMuscles.map(\.rawValue),
                    sets: e.sets, reps: .init(min: e.repRange.lowerBound, max: e.repRange.upperBound), targetReps: e.targetReps,
                    load: e.load.map(WireRounding.round), targetRPE: e.targetRPE, restSeconds: e.restSeconds,
                    minutes: WireRounding.round(e.minutes), basis: e.basis.rawValue, direction: e.direction?.rawValue,
                    rule: e.rule?.rawValue, reasons: e.reasons)
            },
            notes: p.notes)
    }
}
