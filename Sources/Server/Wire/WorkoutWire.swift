import Foundation
import Store

/// `POST /v1/users/{user}/workouts` body. Weights are in the user's units.
///
/// ```json
/// {"title": "Push", "started_at": "2025-09-15T07:48:00Z", "ended_at": "2025-09-15T09:00:00Z",
///  "exercises": [{"name": "Bench Press (Barbell)",
///                 "sets": [{"weight": 80, "reps": 5, "rpe": 8, "type": "normal"}]}]}
/// ```
struct WorkoutInput: Codable, Sendable {
    struct SetInput: Codable, Sendable {
        var type: SetType?
        var weight: Double?
        var reps: Int?
        var rpe: Double?
        var rir: Int?
        var distanceM: Double?
        var durationS: Double?
        var notes: String?
        enum CodingKeys: String, CodingKey { case type, weight, reps, rpe, rir, distanceM = "distance_m", durationS = "duration_s", notes }
    }
    struct ExerciseInput: Codable, Sendable {
        var name: String
        var notes: String?
        var sets: [SetInput]
    }
    var title: String?
    var startedAt: Date
    var endedAt: Date?
    var notes: String?
    var exercises: [ExerciseInput]

    enum CodingKeys: String, CodingKey { case title, startedAt = "started_at", endedAt = "ended_at", notes, exercises }

    func workout(units: WeightUnit) -> NewWorkout {
        NewWorkout(title: title, startedAt: startedAt, endedAt: endedAt, notes: notes, source: .api, exercises: exercises.map { e in
            WorkoutExercise(name: e.name, notes: e.notes, sets: e.sets.map { s in
                WorkoutSet(type: s.type ?? .normal, weightKg: s.weight.map(units.toKilograms), reps: s.reps, rpe: s.rpe, rir: s.rir,
                           distanceMeters: s.distanceM, durationSeconds: s.durationS, notes: s.notes)
            })
        })
    }
}

/// A stored workout as the API returns it (weights in `units`).
struct WorkoutOutput: Codable, Sendable {
    struct SetOutput: Codable, Sendable {
        var type: SetType
        var weight: Double?
        var reps: Int?
        var rpe: Double?
        var rir: Int?
        var distanceM: Double?
        var durationS: Double?
        var notes: String?
        enum CodingKeys: String, CodingKey { case type, weight, reps, rpe, rir, distanceM = "distance_m", durationS = "duration_s", notes }
    }
    struct ExerciseOutput: Codable, Sendable {
        var name: String
        var exerciseId: String?
        var canonicalName: String?
        var notes: String?
        var sets: [SetOutput]
        enum CodingKeys: String, CodingKey { case name, exerciseId = "exercise_id", canonicalName = "canonical_name", notes, sets }
    }
    var id: Int64
    var user: String
    var title: String?
    var startedAt: Date
    var endedAt: Date?
    var notes: String?
    var source: WorkoutSource
    var units: WeightUnit
    var exercises: [ExerciseOutput]
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, user, title, startedAt = "started_at", endedAt = "ended_at", notes, source, units, exercises, createdAt = "created_at"
    }

    init(_ stored: StoredWorkout, units: WeightUnit) {
        let w = stored.workout
        id = stored.id; user = stored.userID; title = w.title; startedAt = w.startedAt; endedAt = w.endedAt
        notes = w.notes; source = w.source; self.units = units; createdAt = stored.createdAt
        exercises = w.exercises.map { e in
            ExerciseOutput(name: e.name, exerciseId: e.exerciseID, canonicalName: e.canonicalName, notes: e.notes, sets: e.sets.map { s in
                SetOutput(type: s.type, weight: s.weightKg.map { Wire.round(units.fromKilograms($0)) }, reps: s.reps, rpe: s.rpe,
                          rir: s.rir, distanceM: s.distanceMeters, durationS: s.durationSeconds, notes: s.notes)
            })
        }
    }
}

/// `GET /v1/users/{user}/workouts` response: newest first; pass `next_before` as `?before=` for
/// the next page (absent on the last page).
struct WorkoutPageOutput: Codable, Sendable {
    var workouts: [WorkoutOutput]
    var nextBefore: Int64?
    enum CodingKeys: String, CodingKey { case workouts, nextBefore = "next_before" }
}

/// `POST /v1/users/{user}/checkins` body and response. `day` defaults to today (UTC).
struct CheckinWire: Codable, Sendable {
    var day: String?
    var sleepHours: Double?
    var soreness: Int?
    var energy: Int?
    var stress: Int?
    var notes: String?
    enum CodingKeys: String, CodingKey { case day, sleepHours = "sleep_hours", soreness, energy, stress, notes }
}
