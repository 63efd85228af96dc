/// What the next session should do with an exercise.
public enum OverloadDirection: String, Sendable, Hashable, Codable {
    /// Add load.
    case increase
    /// Same load, aim for more reps.
    case addReps = "add_reps"
    /// Same load and reps.
    case hold
    /// Take ~10% off (fatigue, poor recovery or a scheduled deload).
    case deload

    /// The coarse direction used when comparing with what a lifter did: up / hold / down.
    public var coarse: CoarseDirection {
        switch self {
        case .increase: .up
        case .addReps, .hold: .hold
        case .deload: .down
        }
    }
}

/// Up / hold / down, for evaluation.
public enum CoarseDirection: String, Sendable, Hashable, Codable, CaseIterable { case up, hold, down }

/// The rule that decided a suggestion (the decision tree's leaf).
public enum OverloadRule: String, Sendable, Hashable, Codable {
    case poorRecovery = "poor_recovery"
    case scheduledDeload = "scheduled_deload"
    case highEffort = "high_effort"
    case easyAtTopOfRange = "easy_at_top_of_range"
    case veryEasy = "very_easy"
    case stalled
    case progressing
    /// The exercise was not done for weeks: start lighter in proportion to the time off.
    case returnAfterBreak = "return_after_break"
    /// The last session was lighter than the lifter's working load: go back to it.
    case backToWorkingLoad = "back_to_working_load"
    /// Fatigue evidence: the last two sessions were near-maximal and missed the bottom of the rep range.
    case missedReps = "missed_reps"
    /// Fatigue evidence: two near-maximal sessions in a row and the reps fell at the same load.
    case repsFell = "reps_fell"
    /// Fatigue evidence: the estimated max fell two sessions running while effort rose (RPE drift).
    case effortDrift = "effort_drift"
    /// The lifter's own habit (`ProgressionHabit`): they usually add load at this point.
    case usualIncrease = "usual_increase"
    /// The lifter's own habit: they usually keep the load at this point, though the rules said add.
    case usualHold = "usual_hold"

    /// The fatigue-evidence deloads, each switched per lifter by `OverloadCalibration.deloadOn`.
    public static let evidenceDeloads: [OverloadRule] = [.missedReps, .repsFell, .effortDrift]
}

/// The next session's target for one exercise.
public struct OverloadSuggestion: Sendable, Hashable {
    public var exerciseId: String
    public var exerciseName: String
    /// The name as logged whose history decided (progress is per variant); nil when computed by id.
    public var loggedName: String? = nil
    /// Target top-set load in the user's unit, rounded to their plates (0 for bodyweight).
    public var weight: Double
    public var unit: WeightUnit
    /// The same load in kilograms (unrounded conversions of `weight`).
    public var weightKg: Double
    public var repRange: ClosedRange<Int>
    /// Reps to aim for on the top set.
    public var targetReps: Int
    public var direction: OverloadDirection
    public var rule: OverloadRule
    /// 0–1: how much the log supports this call.
    public var confidence: Double
    /// False when recovery is poor or a deload is due: no max or PR attempts.
    public var allowPRAttempt: Bool
    /// Why, in words, for the user and the language model.
    public var reasons: [String]
    /// How this lifter has followed past suggestions for this exercise (filled by the caller from
    /// `SuggestionOutcomes`; nil when not computed).
    public var acceptance: OutcomeTally? = nil
}

/// A learned model that can nudge the rules' load (the blend hook). Rules stay authoritative for
/// safety: poor recovery and deloads are never overridden.
public protocol LearnedOverloadModel: Sendable {
    /// A suggested next top-set load in kg and the model's confidence 0–1, or nil to abstain.
    func predictNextLoadKg(features: ExerciseFeatures, recovery: RecoveryFeatures) -> (loadKg: Double, confidence: Double)?
}
