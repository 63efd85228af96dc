import Foundation
// Units, set types and user ids are the shared `Vocabulary` target's words, re-exported so that
// every user of the store speaks them.
@_exported import Vocabulary

/// Where a workout came from. Part of the import dedupe key (user + start time + source).
public enum WorkoutSource: String, Codable, Sendable, CaseIterable {
    case api, hevy, strong
}

/// One set. Weight is in kilograms (`nil` for bodyweight or cardio sets).
public struct WorkoutSet: Sendable, Equatable, Codable {
    public var type: SetType
    public var weightKg: Double?
    public var reps: Int?
    /// Rating of perceived exertion, 1–10 in half steps.
    public var rpe: Double?
    /// Reps in reserve, 0–10.
    public var rir: Int?
    public var distanceMeters: Double?
    public var durationSeconds: Double?
    public var notes: String?

    public init(
        type: SetType = .normal, weightKg: Double? = nil, reps: Int? = nil, rpe: Double? = nil,
        rir: Int? = nil, distanceMeters: Double? = nil, durationSeconds: Double? = nil, notes: String? = nil
    ) {
        self.type = type
        self.weightKg = weightKg
        self.reps = reps
        self.rpe = rpe
        self.rir = rir
        self.distanceMeters = distanceMeters
        self.durationSeconds = durationSeconds
        self.notes = notes
    }
}

/// One exercise in a session, with its sets in order. `name` is kept as written;
/// `exerciseID`/`canonicalName` are filled when an `ExerciseNameResolving` matched it.
public struct WorkoutExercise: Sendable, Equatable, Codable {
    public var name: String
    public var exerciseID: String?
    public var canonicalName: String?
    public var notes: String?
    public var sets: [WorkoutSet]

    public init(name: String, exerciseID: String? = nil, canonicalName: String? = nil, notes: String? = nil, sets: [WorkoutSet]) {
        self.name = name
        self.exerciseID = exerciseID
        self.canonicalName = canonicalName
        self.notes = notes
        self.sets = sets
    }
}

/// A workout session as written by a client, before it is stored.
public struct NewWorkout: Sendable, Equatable, Codable {
    public var title: String?
    public var startedAt: Date
    public var endedAt: Date?
    public var notes: String?
    public var source: WorkoutSource
    public var exercises: [WorkoutExercise]

    public init(title: String? = nil, startedAt: Date, endedAt: Date? = nil, notes: String? = nil,
                source: WorkoutSource = .api, exercises: [WorkoutExercise]) {
        self.title = title
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.notes = notes
        self.source = source
        self.exercises = exercises
    }

    /// Checks ranges; throws `StoreError` naming the offending field (JSON path style).
    public func validate() throws(StoreError) {
        if let problem = DateBounds.problem(startedAt, field: "started_at") { throw .invalid("started_at", problem) }
        if let endedAt {
            if endedAt < startedAt { throw .invalid("ended_at", "ended_at is before started_at") }
            if let problem = DateBounds.problem(endedAt, field: "ended_at") { throw .invalid("ended_at", problem) }
        }
        if let title, let problem = TextRules.lineProblem(title, field: "title", allowEmpty: true) { throw .invalid("title", problem) }
        if let notes, let problem = TextRules.notesProblem(notes, field: "notes") { throw .invalid("notes", problem) }
        guard !exercises.isEmpty else { throw .invalid("exercises", "a workout needs at least one exercise") }
        for (e, exercise) in exercises.enumerated() {
            let field = "exercises[\(e)].name"
            if let problem = TextRules.lineProblem(exercise.name, field: field) { throw .invalid(field, problem) }
            if let notes = exercise.notes, let problem = TextRules.notesProblem(notes, field: "exercises[\(e)].notes") {
                throw .invalid("exercises[\(e)].notes", problem)
            }
            for (s, set) in exercise.sets.enumerated() {
                let path = "exercises[\(e)].sets[\(s)]"
                if let w = set.weightKg, !(w >= 0 && w <= 1500) { throw .invalid("\(path).weight", "\(path).weight \(w) kg is outside 0–1500 kg") }
                if let r = set.reps, !(0...1000).contains(r) { throw .invalid("\(path).reps", "\(path).reps \(r) is outside 0–1000") }
                if let rpe = set.rpe, !(rpe >= 1 && rpe <= 10) { throw .invalid("\(path).rpe", "\(path).rpe \(rpe) is outside 1–10") }
                if let rir = set.rir, !(0...10).contains(rir) { throw .invalid("\(path).rir", "\(path).rir \(rir) is outside 0–10") }
                if let d = set.distanceMeters, !(d >= 0 && d <= Self.maxDistanceMeters) {
                    throw .invalid("\(path).distance_m", "\(path).distance_m \(d) is outside 0–\(Int(Self.maxDistanceMeters)) m")
                }
                if let t = set.durationSeconds, !(t >= 0 && t <= Self.maxDurationSeconds) {
                    throw .invalid("\(path).duration_s", "\(path).duration_s \(t) is outside 0–\(Int(Self.maxDurationSeconds)) s (24 hours)")
                }
                if let notes = set.notes, let problem = TextRules.notesProblem(notes, field: "\(path).notes") { throw .invalid("\(path).notes", problem) }
            }
        }
    }

    /// The longest distance one set may cover: 1000 km (an ultra-distance ride).
    public static let maxDistanceMeters = 1_000_000.0
    /// The longest one set may last: 24 hours.
    public static let maxDurationSeconds = 86_400.0
}

/// A stored workout session with its id.
public struct StoredWorkout: Sendable, Equatable, Codable {
    public var id: Int64
    public var userID: String
    public var workout: NewWorkout
    public var createdAt: Date

    public init(id: Int64, userID: String, workout: NewWorkout, createdAt: Date) {
        self.id = id
        self.userID = userID
        self.workout = workout
        self.createdAt = createdAt
    }
}
