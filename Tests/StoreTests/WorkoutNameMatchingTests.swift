import Foundation
import Testing
@testable import Store

/// Posted workouts and imports match exercise names the same way (`NewWorkout.matchExercises`).
@Suite struct WorkoutNameMatchingTests {
    struct Names: ExerciseNameResolving {
        func resolve(_ name: String) -> ResolvedExerciseName? {
            name.lowercased().contains("bench") ? ResolvedExerciseName(id: "barbell-bench-press", canonicalName: "Barbell Bench Press", score: 0.9) : nil
        }
    }

    @Test func matchExercises_setsIdAndCanonicalName_keepsTheNameAsWritten_andReportsTheUnmatched() {
        var w = NewWorkout(startedAt: Date(), exercises: [
            WorkoutExercise(name: "Bench Press (Barbell)", sets: [WorkoutSet(weightKg: 60, reps: 5)]),
            WorkoutExercise(name: "Zercher Carry", sets: [WorkoutSet(weightKg: 60, reps: 5)]),
            WorkoutExercise(name: "Bench Variant", exerciseID: "already-set", sets: [WorkoutSet(weightKg: 60, reps: 5)]),
        ])
        let unmatched = w.matchExercises(Names())
        #expect(unmatched == ["Zercher Carry"])
        #expect(w.exercises[0].exerciseID == "barbell-bench-press")
        #expect(w.exercises[0].canonicalName == "Barbell Bench Press")
        #expect(w.exercises[0].name == "Bench Press (Barbell)")
        #expect(w.exercises[1].exerciseID == nil)
        #expect(w.exercises[2].exerciseID == "already-set", "an exercise that already has an id is left alone")
    }
}
