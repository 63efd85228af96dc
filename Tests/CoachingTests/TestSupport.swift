import Foundation
@testable import Coaching

let day: TimeInterval = 86_400
let t0 = Date(timeIntervalSince1970: 1_750_000_000)  // 2025-06-15

/// A squat session `daysAgo` days before `t0` with `sets` working sets of weight × reps @ RPE.
func squat(_ dayIndex: Int, _ kg: Double, _ reps: Int, rpe: Double?, sets: Int = 3) -> WorkoutSession {
    WorkoutSession(date: t0 + Double(dayIndex) * day, exercises: [
        ExercisePerformance(exerciseId: "Barbell_Squat", name: "Barbell Squat", primaryMuscles: [.quadriceps],
                            secondaryMuscles: [.glutes, .hamstrings],
                            sets: [LoggedSet(weightKg: 20, reps: 10, rpe: 5, type: .warmup)]
                                + (0..<sets).map { _ in LoggedSet(weightKg: kg, reps: reps, rpe: rpe) }),
    ])
}

/// A bench session (upper body: smaller increments).
func bench(_ dayIndex: Int, _ kg: Double, _ reps: Int, rpe: Double?) -> WorkoutSession {
    WorkoutSession(date: t0 + Double(dayIndex) * day, exercises: [
        ExercisePerformance(exerciseId: "Barbell_Bench_Press", name: "Barbell Bench Press", primaryMuscles: [.chest],
                            secondaryMuscles: [.triceps, .shoulders],
                            sets: (0..<3).map { _ in LoggedSet(weightKg: kg, reps: reps, rpe: rpe) }),
    ])
}
