import Coaching
import Foundation
@testable import SpotterApp
import Store
import Testing

/// The endpoints use the models that learn the user (#13): the routine for recommendations (and
/// the app's planned split), the personal rhythm for the next day.
@Suite struct CoachingLearnsTheUserTests {
    let now = Date(timeIntervalSince1970: 1_763_900_000) // 2025-11-23 12:13 UTC

    /// Eight weeks of Push (bench, overhead press) and Pull (row, pulldown) on alternate days.
    func pushPullLifter(_ coaching: CoachingService) async throws {
        _ = try await coaching.store.saveUser(Store.UserProfile(id: "kim", age: 30, units: .kg, experience: .intermediate, goal: .strength, daysPerWeek: 4))
        for (i, d) in stride(from: 56, through: 2, by: -2).enumerated() {
            let push = i % 2 == 0
            let names = push ? [("Bench Press (Barbell)", "barbell-bench-press"), ("Overhead Press (Barbell)", "barbell-overhead-press")]
                             : [("Bent Over Row (Barbell)", "barbell-bent-over-row"), ("Lat Pulldown (Cable)", "lat-pulldown")]
            _ = try await coaching.store.saveWorkout(NewWorkout(title: push ? "Push" : "Pull", startedAt: day(d, before: now), exercises: names.map { n in
                WorkoutExercise(name: n.0, exerciseID: n.1, sets: Array(repeating: WorkoutSet(weightKg: 60, reps: 8, rpe: 8), count: 3))
            }), user: "kim")
        }
    }

    @Test func recommendations_withHistory_leadWithTheRoutine_andThePlannedSplitDecides() async throws {
        let coaching = try makeCoaching()
        try await pushPullLifter(coaching)
        let pull = try await coaching.exerciseRecommendations(user: "kim", k: 5, split: "Pull", asOf: now)
        // An item is the knowledge id when the catalog has it, else the name as logged.
        let pullNames: Set = ["barbell-bent-over-row", "lat-pulldown", "Bent Over Row (Barbell)", "Lat Pulldown (Cable)"]
        #expect(pull.recommendations.prefix(2).allSatisfy { pullNames.contains($0.id) }, "\(pull.recommendations.map(\.id))")
        let push = try await coaching.exerciseRecommendations(user: "kim", k: 5, split: "Push", asOf: now)
        let pushNames: Set = ["barbell-bench-press", "barbell-overhead-press", "Bench Press (Barbell)", "Overhead Press (Barbell)"]
        #expect(push.recommendations.prefix(2).allSatisfy { pushNames.contains($0.id) }, "\(push.recommendations.map(\.id))")
    }

    @Test func nextWorkout_forALifterWhoNeverDoesCardio_isNeverCardio() async throws {
        let coaching = try makeCoaching()
        try await pushPullLifter(coaching)
        let r = try await coaching.nextWorkout(user: "kim", now: now)
        let top = try #require(r.ranked.first)
        #expect(["strength", "rest"].contains(top.type), "\(r.ranked)")
        #expect((r.probabilities["cardio"] ?? 1) < 0.1, "\(r.probabilities)")
        #expect(r.history.count == 6)
    }
}
