/// Resolves an exercise name as written ("bench", "BB Bench Press") to a knowledge-base exercise.
///
/// The Knowledge target's matcher is wired in by the application; Tracker only defines the role.
public protocol ExerciseNameMatching: Sendable {
    /// The best knowledge-base exercise for `name`, or `nil` when nothing is close enough.
    func match(_ name: String) -> ExerciseMatch?
}

/// A knowledge-base exercise chosen for a written name.
public struct ExerciseMatch: Sendable, Equatable {
    /// The knowledge-base id (e.g. free-exercise-db's `Barbell_Bench_Press_-_Medium_Grip`).
    public var id: String
    /// The canonical name.
    public var name: String
    /// Match quality in 0...1 (1 = exact); lowers the entry's confidence when below 1.
    public var score: Double

    public init(id: String, name: String, score: Double = 1) {
        self.id = id
        self.name = name
        self.score = score
    }
}
