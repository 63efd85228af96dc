import Foundation
import Vocabulary

/// A stored workout as the API returns it (weights in `units`, rounded to 0.01).
/// `source` is where it came from: `api`, `hevy` or `strong`.
public struct WorkoutOutput: Codable, Sendable, Equatable {
    public struct ExerciseOutput: Codable, Sendable, Equatable {
        public var name: String
        public var exerciseId: String?
        public var canonicalName: String?
        public var notes: String?
        public var sets: [WorkoutSetWire]

        public init(name: String, exerciseId: String? = nil, canonicalName: String? = nil, notes: String? = nil, sets: [WorkoutSetWire]) {
            self.name = name
            self.exerciseId = exerciseId
            self.canonicalName = canonicalName
            self.notes = notes
            self.sets = sets
        }

        enum CodingKeys: String, CodingKey { case name, exerciseId = "exercise_id", canonicalName = "canonical_name", notes, sets }
    }

    public var id: Int64
    public var user: String
    public var title: String?
    public var startedAt: Date
    public var endedAt: Date?
    public var notes: String?
    public var source: String
    public var units: WeightUnit
    public var exercises: [ExerciseOutput]
    public var createdAt: Date

    public init(id: Int64, user: String, title: String? = nil, startedAt: Date, endedAt: Date? = nil, notes: String? = nil,
                source: String, units: WeightUnit, exercises: [ExerciseOutput], createdAt: Date) {
        self.id = id
        self.user = user
        self.title = title
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.notes = notes
        self.source = source
        self.units = units
        self.exercises = exercises
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, user, title, startedAt = "started_at", endedAt = "ended_at", notes, source, units, exercises, createdAt = "created_at"
    }
}
