import Foundation
import GRDB
import SpotterTestSupport
@testable import Store

/// A file from `../shared/data/logs`, read as text.
func sharedLog(_ name: String) throws -> String {
    let url = repositoryRoot().appendingPathComponent("../shared/data/logs/\(name)")
    return try String(contentsOf: url, encoding: .utf8)
}

/// A fresh store of `engine` with one user.
func makeStore(_ engine: Engine = .sqlite, user: String = "ana", units: WeightUnit = .kg) async throws -> any RecordStore {
    let store = try await engine.openStore()
    try await store.saveUser(UserProfile(id: user, units: units))
    return store
}

func workout(at seconds: TimeInterval, _ exercise: String = "Squat (Barbell)", sets: [WorkoutSet] = [WorkoutSet(weightKg: 100, reps: 5, rpe: 8)]) -> NewWorkout {
    NewWorkout(title: "W", startedAt: Date(timeIntervalSince1970: seconds), exercises: [WorkoutExercise(name: exercise, sets: sets)])
}

/// A resolver that knows a fixed list of names (a test double for the knowledge base).
struct FixedNameResolver: ExerciseNameResolving {
    let known: [String: String]
    func resolve(_ name: String) -> ResolvedExerciseName? {
        known[name].map { ResolvedExerciseName(id: $0, canonicalName: name) }
    }
}
