import Coaching
import Foundation

/// `GET /v1/users/{user}/overload/{exercise}` response. Loads are in `unit` (the user's units),
/// rounded to their plates; `weight` 0 means bodyweight.
public struct OverloadWire: Codable, Sendable, Equatable {
    public struct Exercise: Codable, Sendable, Equatable { public var id: String; public var name: String }
    public struct RepRange: Codable, Sendable, Equatable { public var min: Int; public var max: Int }
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
    enum CodingKeys: String, CodingKey {
        case user, exercise, weight, unit, direction, rule, confidence, reasons, features
        case repRange = "rep_range", targetReps = "target_reps", allowPRAttempt = "allow_pr_attempt"
    }
}

/// `GET /v1/users/{user}/recommendations/exercises` response.
public struct ExerciseRecommendationsWire: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var equipment: String?
        public var primaryMuscles: [String]
        /// 0–100, the sum of `components`.
        public var score: Double
        /// muscle_balance 0–30, recovery 0–20, preference 0–20, goal_alignment 0–15,
        /// experience_match 0–10, novelty 0–5.
        public var components: [String: Double]
        public var reasons: [String]
        enum CodingKeys: String, CodingKey {
            case id, name, equipment, score, components, reasons
            case primaryMuscles = "primary_muscles"
        }
    }
    public var user: String
    /// True when the user has no logged sessions: the profile alone decided.
    public var coldStart: Bool
    public var recommendations: [Item]
    enum CodingKeys: String, CodingKey { case user, recommendations, coldStart = "cold_start" }
}

/// `GET /v1/users/{user}/recommendations/programs` response.
public struct ProgramRecommendationsWire: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        /// 0–1: 0.7 × rule_score/100 + 0.3 × similarity.
        public var score: Double
        /// 0–100: goal 40, level 25, days per week 20, equipment 15.
        public var ruleScore: Double
        /// Sentence-embedding cosine between the profile and the template text.
        public var similarity: Double
        public var reasons: [String]
        enum CodingKeys: String, CodingKey { case id, name, score, similarity, reasons, ruleScore = "rule_score" }
    }
    public var user: String
    public var programs: [Item]
}

/// `GET /v1/users/{user}/next-workout` response.
public struct NextWorkoutWire: Codable, Sendable, Equatable {
    public struct Day: Codable, Sendable, Equatable { public var date: String; public var type: String }
    public struct Ranked: Codable, Sendable, Equatable { public var type: String; public var probability: Double }
    public var user: String
    /// The day predicted, `YYYY-MM-DD` (UTC).
    public var date: String
    /// The 6 days the model read, oldest first.
    public var history: [Day]
    /// The model's user features: age/100, level/2, goal/2.
    public var features: [Double]
    /// Type → probability for all 7 types (sums to 1).
    public var probabilities: [String: Double]
    /// The same, most probable first.
    public var ranked: [Ranked]
}

enum Wire {
    /// Rounds a converted weight to 0.01 so 100 lb reads back as 100, not 99.99999.
    static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
