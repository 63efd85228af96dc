import Foundation

/// One session planned by `SessionPlanner`: exercises in the order to do them, each with its
/// dose, and the constraints that shaped it. Loads are in the user's unit.
public struct PlannedSession: Sendable, Hashable {
    /// The time budget (asked for, or the default).
    public var minutes: Int
    /// The planner's estimate of the whole session (warm-up, sets, rests, changeovers); ≤ `minutes`.
    public var estimatedMinutes: Double
    /// Warm-up minutes included in the estimate.
    public var warmupMinutes: Double
    public var unit: WeightUnit
    /// Equipment the exercises were chosen from; nil when not restricted.
    public var equipment: Set<String>?
    /// Muscles the request asked for (empty: the routine or recommender chose).
    public var muscles: Set<Muscle>
    /// Injured or painful body sites the exercises avoid.
    public var avoidedSites: [String]
    public var exercises: [PlannedExercise]
    /// What shaped the plan, in words (poor recovery, exercises left out and why, …).
    public var notes: [String]
}

/// One exercise of a planned session.
public struct PlannedExercise: Sendable, Hashable {
    /// Knowledge id, or the name as logged for an exercise the catalog does not know.
    public var id: String
    /// The name to show and to log the performed sets under: the name the lifter logged it as when
    /// the plan comes from their history (progress is tracked per name as logged), else the
    /// knowledge base's name. `POST /v1/users/{user}/workouts` resolves both.
    public var name: String
    public var equipment: String?
    public var primaryMuscles: [Muscle]
    /// Multi-joint (the catalog's mechanic); compounds come first.
    public var isCompound: Bool
    public var sets: Int
    public var repRange: ClosedRange<Int>
    public var targetReps: Int
    /// Top-set load in the user's unit from the overload rules; nil for a first time (see
    /// `targetRPE`) and for bodyweight exercises.
    public var load: Double?
    /// The effort to choose a load by when `load` is nil: RPE 7 = "a load you could lift 3 more times".
    public var targetRPE: Double?
    public var restSeconds: Int
    /// Estimated minutes for all sets and rests of this exercise, with the changeover.
    public var minutes: Double
    /// `history` when the overload rules set the dose from the lifter's log, else `start`.
    public var basis: Basis
    /// The overload rules' direction and rule (history only).
    public var direction: OverloadDirection?
    public var rule: OverloadRule?
    public var reasons: [String]

    public enum Basis: String, Sendable, Hashable { case history, start }
}
