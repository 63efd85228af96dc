import Foundation
import Vocabulary

/// `POST /v1/users/{user}/workouts` body. Weights are in the user's units.
///
/// ```json
/// {"title": "Push", "started_at": "2025-09-15T07:48:00Z", "ended_at": "2025-09-15T09:00:00Z",
///  "exercises": [{"name": "Bench Press (Barbell)",
///                 "sets": [{"weight": 80, "reps": 5, "rpe": 8, "type": "normal"}]}]}
/// ```
public struct WorkoutInput: Codable, Sendable, Equatable {
    public struct ExerciseInput: Codable, Sendable, Equatable {
        public var name: String
        public var notes: String?
        public var sets: [WorkoutSetWire]

        public init(name: String, notes: String? = nil, sets: [WorkoutSetWire]) {
            self.name = name
            self.notes = notes
            self.sets = sets
        }
    }

    public var title: String?
    public var startedAt: Date
    public var endedAt: Date?
    public var notes: String?
    public var exercises: [ExerciseInput]

    public init(title: String? = nil, startedAt: Date, endedAt: Date? = nil, notes: String? = nil, exercises: [ExerciseInput]) {
        self.title = title
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.notes = notes
        self.exercises = exercises
    }

    enum CodingKeys: String, CodingKey { case title, startedAt = "started_at", endedAt = "ended_at", notes, exercises }
}

/// `GET /v1/users/{user}/workouts` response: newest first; pass `next_before` as `?before=` for
/// the next page (absent on the last page).
public struct WorkoutPageOutput: Codable, Sendable, Equatable {
    public var workouts: [WorkoutOutput]
    public var nextBefore: Int64?

    public init(workouts: [WorkoutOutput], nextBefore: Int64? = nil) {
        self.workouts = workouts
        self.nextBefore = nextBefore
    }

    enum CodingKeys: String, CodingKey { case workouts, nextBefore = "next_before" }
}

/// `POST /v1/users/{user}/checkins` body and response. `day` (`YYYY-MM-DD`) defaults to today (UTC).
public struct CheckinWire: Codable, Sendable, Equatable {
    public var day: String?
    public var sleepHours: Double?
    public var soreness: Int?
    public var energy: Int?
    public var stress: Int?
    public var notes: String?

    public init(day: String? = nil, sleepHours: Double? = nil, soreness: Int? = nil, energy: Int? = nil,
                stress: Int? = nil, notes: String? = nil) {
        self.day = day
        self.sleepHours = sleepHours
        self.soreness = soreness
        self.energy = energy
        self.stress = stress
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey { case day, sleepHours = "sleep_hours", soreness, energy, stress, notes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        day = try c.decodeIfPresent(String.self, forKey: .day)
        sleepHours = try c.decodeIfPresent(Double.self, forKey: .sleepHours)
        soreness = try c.decodeWholeNumberIfPresent(forKey: .soreness)
        energy = try c.decodeWholeNumberIfPresent(forKey: .energy)
        stress = try c.decodeWholeNumberIfPresent(forKey: .stress)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }
}
