import Foundation

// `SetType` (with `isWorking`: only `normal` and `failure` sets count for top sets, volume and
// RPE), `WeightUnit` and `Muscle` are the shared `Vocabulary` target's, re-exported.
@_exported import Vocabulary

/// One logged set. Weight is in kilograms; `nil` means bodyweight.
public struct LoggedSet: Sendable, Hashable {
    public var weightKg: Double?
    public var reps: Int
    public var rpe: Double?
    public var rir: Double?
    public var type: SetType
    /// Distance (m) and duration (s) of a timed or cardio set, when logged.
    public var distanceMeters: Double?
    public var durationSeconds: Double?

    public init(weightKg: Double?, reps: Int, rpe: Double? = nil, rir: Double? = nil, type: SetType = .normal,
                distanceMeters: Double? = nil, durationSeconds: Double? = nil) {
        self.weightKg = weightKg; self.reps = reps; self.rpe = rpe; self.rir = rir; self.type = type
        self.distanceMeters = distanceMeters; self.durationSeconds = durationSeconds
    }

    /// RPE, or 10 − RIR when only RIR was logged.
    public var effort: Double? { rpe ?? rir.map { 10 - $0 } }
}

/// One exercise within a session.
public struct ExercisePerformance: Sendable, Hashable {
    /// Stable id (the knowledge base id when matched, else the name).
    public var exerciseId: String
    public var name: String
    /// The name exactly as the lifter logged it ("Triceps Pushdown (Cable)"): progress is tracked
    /// under it, so variants the knowledge base maps to one id keep separate load histories.
    public var loggedName: String
    /// Primary muscles when known (for muscle-group volume); secondary count half.
    public var primaryMuscles: [Muscle]
    public var secondaryMuscles: [Muscle]
    public var sets: [LoggedSet]

    public init(exerciseId: String, name: String, primaryMuscles: [Muscle] = [], secondaryMuscles: [Muscle] = [],
                sets: [LoggedSet], loggedName: String? = nil) {
        self.exerciseId = exerciseId; self.name = name; self.loggedName = loggedName ?? name
        self.primaryMuscles = primaryMuscles
        self.secondaryMuscles = secondaryMuscles; self.sets = sets
    }

    /// Working sets (normal and failure).
    public var workingSets: [LoggedSet] { sets.filter { $0.type.isWorking && $0.reps > 0 } }

    /// The heaviest working set (ties: more reps), or nil when there is none.
    public var topSet: LoggedSet? {
        workingSets.max { a, b in
            let wa = a.weightKg ?? 0, wb = b.weightKg ?? 0
            return wa != wb ? wa < wb : a.reps < b.reps
        }
    }

    /// Σ weight × reps over working sets (kg).
    public var volumeKg: Double { workingSets.reduce(0) { $0 + ($1.weightKg ?? 0) * Double($1.reps) } }

    /// Mean RPE over working sets that have one.
    public var averageRPE: Double? {
        let e = workingSets.compactMap(\.effort)
        return e.isEmpty ? nil : e.reduce(0, +) / Double(e.count)
    }
}

/// A training session: a date and the exercises done.
public struct WorkoutSession: Sendable, Hashable {
    public var date: Date
    public var title: String
    public var exercises: [ExercisePerformance]

    public init(date: Date, title: String = "", exercises: [ExercisePerformance]) {
        self.date = date; self.title = title; self.exercises = exercises
    }
}
