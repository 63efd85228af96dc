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
    /// What a lifter did with the suggestions the rules would have made over their log, read from
    /// the next logged session of each exercise (the log is the feedback; nothing to tap).
    public struct Tally: Codable, Sendable, Equatable {
        /// Did the suggested load (within 1% or 0.5 kg) and reached the target reps, or one short.
        public var accepted: Int
        /// Lifted more / less than suggested.
        public var changedUp: Int
        public var changedDown: Int
        /// Did the suggested load or more but missed the target reps by 2 or more.
        public var failed: Int
        public var total: Int
        /// accepted ÷ total (0 when there is nothing to compare yet).
        public var rate: Double

        public init(accepted: Int, changedUp: Int, changedDown: Int, failed: Int, total: Int, rate: Double) {
            self.accepted = accepted
            self.changedUp = changedUp
            self.changedDown = changedDown
            self.failed = failed
            self.total = total
            self.rate = rate
        }

        enum CodingKeys: String, CodingKey {
            case accepted, failed, total, rate
            case changedUp = "changed_up", changedDown = "changed_down"
        }
    }
    /// Acceptance for this exercise (as logged) and over all the user's exercises, with the
    /// thresholds the rules were calibrated to for this lifter.
    public struct Acceptance: Codable, Sendable, Equatable {
        public var exercise: Tally
        public var user: Tally
        /// The lifter's calibrated RPE at or below which load is added.
        public var increaseAtRPE: Double

        public init(exercise: Tally, user: Tally, increaseAtRPE: Double) {
            self.exercise = exercise
            self.user = user
            self.increaseAtRPE = increaseAtRPE
        }

        enum CodingKeys: String, CodingKey {
            case exercise, user
            case increaseAtRPE = "increase_at_rpe"
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
    /// The log as feedback (absent only where no log was replayed).
    public var acceptance: Acceptance?

    public init(user: String, exercise: Exercise, weight: Double, unit: String, repRange: RepRange, targetReps: Int,
                direction: String, rule: String, confidence: Double, reasons: [String], allowPRAttempt: Bool,
                features: Features, acceptance: Acceptance? = nil) {
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
        self.acceptance = acceptance
    }

    enum CodingKeys: String, CodingKey {
        case user, exercise, weight, unit, direction, rule, confidence, reasons, features, acceptance
        case repRange = "rep_range", targetReps = "target_reps", allowPRAttempt = "allow_pr_attempt"
    }
}
