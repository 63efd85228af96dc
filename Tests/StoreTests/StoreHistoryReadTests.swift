import Foundation
import Testing
@testable import Store

/// The history read (`userHistory`, three queries for the whole log) gives the same workouts as
/// reading each session on its own (`fetchWorkout`, what the workout pages use).
@Suite struct StoreHistoryReadTests {
    @Test func userHistory_readsTheSameWorkoutsAsOneByOne_newestLimitOldestFirst_onlyTheUsers() async throws {
        let store = try SpotterStore.inMemory()
        for user in ["ana", "bo"] { _ = try await store.saveUser(UserProfile(id: user, units: .kg)) }
        let base = 1_700_000_000.0
        for i in 0..<12 {
            let w = NewWorkout(
                title: i % 3 == 0 ? nil : "Session \(i)", startedAt: Date(timeIntervalSince1970: base + Double(i) * 86_400),
                endedAt: i % 2 == 0 ? Date(timeIntervalSince1970: base + Double(i) * 86_400 + 3_600) : nil, notes: i == 4 ? "tired" : nil,
                exercises: [
                    WorkoutExercise(name: "Squat (Barbell)", exerciseID: "barbell-squat", canonicalName: "Barbell Squat", notes: "low bar", sets: [
                        WorkoutSet(type: .warmup, weightKg: 60, reps: 8),
                        WorkoutSet(weightKg: 100 + Double(i), reps: 5, rpe: 8.5, rir: 1, notes: "belt"),
                        WorkoutSet(type: .failure, weightKg: 100 + Double(i), reps: 3),
                    ]),
                    WorkoutExercise(name: "Pull Up", sets: [WorkoutSet(reps: 8), WorkoutSet(type: .dropset, weightKg: 10, reps: 4)]),
                    WorkoutExercise(name: "Rowing", sets: [WorkoutSet(distanceMeters: 2_000, durationSeconds: 480)]),
                ])
            _ = try await store.saveWorkout(w, user: i % 4 == 3 ? "bo" : "ana")
        }
        let one = try await store.workouts(user: "ana", limit: 200, before: nil).workouts
        let all = try #require(try await store.userHistory(user: "ana", maxSessions: 1000, checkinLimit: 0)?.workouts)
        #expect(all == Array(one.reversed()))
        #expect(all.count == 9)
        let newest = try #require(try await store.userHistory(user: "ana", maxSessions: 4, checkinLimit: 0)?.workouts)
        #expect(newest == Array(one.prefix(4).reversed()))
        #expect(try await store.userHistory(user: "ana", maxSessions: 0, checkinLimit: 0)?.workouts == [])
    }
}
