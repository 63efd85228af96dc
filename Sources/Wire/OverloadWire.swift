import Foundation

/// `GET /v1/users/{user}/overload/{exercise}` response. Loads are in `unit` (the user's units),
/// rounded to their plates; `weight` 0 means bodyweight.
public struct OverloadWire: Codable, Sendable, Equatable {
    public struct Exercise: Codable, Sendable, Equatable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }
    public struct RepRange: Codable, Sendable, Equatable {
        public var min: Int
        public var max: Int

        public init(min: Int, max: Int) {
            self.min = min
            self.max = max
        }
    }
    /// The features the rules read.
    public struct Features: Codable, Sendable, Equatable {
        public var sessions: Int
        public var lastDate: Date?
        public var lastTopSetWeight: Double?
        public var lastTopSetReps: Int?
        public var lastAverageRPE: Double?
        /// Estimated one-rep max of the last session's top set, in `unit`.
        public var e1rm: Double?
        public var weightTrend: String
        public var volumeTrend: String
        public var rpeTrend: String
        public var stalled: Bool
        public var sleepHours7d: Double?
        public var soreness7d: Double?
        public var lastSleepHours: Double?
        public var lastSoreness: Double?
        public var hardTrainingWeeks: Int

        public init(sessions: Int, lastDate: Date? = nil, lastTopSetWeight: Double? = nil,
                    lastTopSetReps: Int? = nil, lastAverageRPE: Double? = nil, e1rm: Double? = nil,
                    weightTrend: String, volumeTrend: String, rpeTrend: String, stalled: Bool,
                    sleepHours7d: Double? = nil, soreness7d: Double? = nil, lastSleepHours: Double? = nil,
                    lastSoreness: Double? = nil, hardTrainingWeeks: Int) {
            self.sessions = sessions
            self.lastDate = lastDate
            self.lastTopSetWeight = lastTopSetWeight
            self.lastTopSetReps = lastTopSetReps
            self.lastAverageRPE = lastAverageRPE
            self.e1rm = e1rm
            self.weightTrend = weightTrend
            self.volumeTrend = volumeTrend
            self.rpeTrend = rpeTrend
            self.stalled = stalled
            self.sleepHours7d = sleepHours7d
            self.soreness7d = soreness7d
            self.lastSleepHours = lastSleepHours
            self.lastSoreness = lastSoreness
            self.hardTrainingWeeks = hardTrainingWeeks
        }

        enum CodingKeys: String, CodingKey {
            case sessions, e1rm, stalled
            case lastDate = "last_date", lastTopSetWeight = "last_top_set_weight", lastTopSetReps = "last_top_set_reps"
            case lastAverageRPE = "last_average_rpe", weightTrend = "weight_trend", volumeTrend = "volume_trend"
            case rpeTrend = "rpe_trend", sleepHours7d = "sleep_hours_7d", soreness7d = "soreness_7d"
            case lastSleepHours = "last_sleep_hours", lastSoreness = "last_soreness", hardTrainingWeeks = "hard_training_weeks"
        }
    }
    public var user: String
    public var exercise: Exercise
    public var weight: Double
    public var unit: String
    public var repRange: RepRange
    public var targetReps: Int
    /// `increase`, `add_reps`, `hold` or `deload`.
    public var direction: String
    /// The decision-tree leaf: `poor_recovery`, `scheduled_deload`, `high_effort`, …
    public var rule: String
    /// 0–1: how much the log supports the call.
    public var confidence: Double
    public var reasons: [String]
    public var allowPRAttempt: Bool
    public var features: Features

    public init(user: String, exercise: Exercise, weight: Double, unit: String, repRange: RepRange, targetReps: Int,
                direction: String, rule: String, confidence: Double, reasons: [String], allowPRAttempt: Bool,
                features: Features) {
        self.user = user
        self.exercise = exercise
        self.weight = weight
        self.unit = unit
        self.repRange = repRange
        self.targetReps = targetReps
        self.direction = direction
        self.rule = rule
        self.confidence = confidence
        self.reasons = reasons
        self.allowPRAttempt = allowPRAttempt
        self.features = features
    }

    enum CodingKeys: String, CodingKey {
        case user, exercise, weight, unit, direction, rule, confidence, reasons, features
        case repRange = "rep_range", targetReps = "target_reps", allowPRAttempt = "allow_pr_attempt"
    }
}
