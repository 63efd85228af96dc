import Foundation
import Testing
@testable import Store

/// The history read (`userHistory`) and the workout pages give the sessions as written — exercises
/// and sets in order, every field — oldest first, the newest `maxSessions`, only the user's.
@Suite struct StoreHistoryReadTests {
    @Test func userHistory_readsTheSameWorkoutsAsOneByOne_newestLimitOldestFirst_onlyTheUsers() async throws {
        let store = try SpotterStore.inMemory()
        for user in ["ana", "bo"] { _ = try await store.saveUser(UserProfile(id: user, units: .kg)) }
        let base = 1_700_000_000.0
        var written: [NewWorkout] = []
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
            if i % 4 != 3 { written.append(w) }
        }
        let one = try await store.workouts(user: "ana", limit: 200, before: nil).workouts
        let all = try #require(try await store.userHistory(user: "ana", maxSessions: 1000, checkinLimit: 0)?.workouts)
        #expect(all == Array(one.reversed()))
        #expect(all.count == 9)
        #expect(all.map(\.workout) == written)
        let newest = try #require(try await store.userHistory(user: "ana", maxSessions: 4, checkinLimit: 0)?.workouts)
        #expect(newest == Array(one.prefix(4).reversed()))
        #expect(try await store.userHistory(user: "ana", maxSessions: 0, checkinLimit: 0)?.workouts == [])
    }
}

/// `knownSessions`: a caller that holds some sessions gets the log's ids and only the others.
@Suite struct StoreHistoryKnownSessionsTests {
    static func session(day: Double, load: Double) -> NewWorkout {
        NewWorkout(title: "Day \(Int(day))", startedAt: Date(timeIntervalSince1970: 1_700_000_000 + day * 86_400), exercises: [
            WorkoutExercise(name: "Bench Press (Barbell)", sets: [WorkoutSet(weightKg: load, reps: 5, rpe: 8)]),
        ])
    }

    @Test(arguments: Engine.allCases) func userHistory_withKnownSessions_listsEveryIdInOrder_readsOnlyTheUnknown(engine: Engine) async throws {
        let store = try await engine.openStore()
        try await store.saveUser(UserProfile(id: "ana", units: .kg))
        var saved: [StoredWorkout] = []
        for day in [0.0, 2, 4, 6] { saved.append(try await store.saveWorkout(Self.session(day: day, load: 60 + day), user: "ana").workout) }
        let first = try #require(try await store.userHistory(user: "ana", maxSessions: 100, checkinLimit: 0))
        #expect(first.sessionIDs == saved.map(\.id))
        #expect(first.workouts == saved)

        // Nothing new: the ids, no sessions.
        let unchanged = try #require(try await store.userHistory(user: "ana", maxSessions: 100, checkinLimit: 0, knownSessions: Set(first.sessionIDs)))
        #expect(unchanged.sessionIDs == first.sessionIDs)
        #expect(unchanged.workouts.isEmpty)

        // A new session and a backfilled older one: both read, each at its place by start time.
        let newest = try await store.saveWorkout(Self.session(day: 8, load: 70), user: "ana").workout
        let backfilled = try await store.saveWorkout(Self.session(day: 3, load: 62), user: "ana").workout
        let after = try #require(try await store.userHistory(user: "ana", maxSessions: 100, checkinLimit: 0, knownSessions: Set(first.sessionIDs)))
        #expect(after.sessionIDs == [saved[0].id, saved[1].id, backfilled.id, saved[2].id, saved[3].id, newest.id])
        #expect(after.workouts == [backfilled, newest])

        // The newest `maxSessions` only, whatever is known.
        let limited = try #require(try await store.userHistory(user: "ana", maxSessions: 2, checkinLimit: 0, knownSessions: [saved[3].id]))
        #expect(limited.sessionIDs == [saved[3].id, newest.id])
        #expect(limited.workouts == [newest])
    }

    @Test(arguments: Engine.allCases) func userHistory_manyUnknownSessions_readsThemAll(engine: Engine) async throws {
        let store = try await engine.openStore()
        try await store.saveUser(UserProfile(id: "ana", units: .kg))
        var saved: [StoredWorkout] = []
        for day in 0..<40 { saved.append(try await store.saveWorkout(Self.session(day: Double(day), load: 60), user: "ana").workout) }
        let known = Set(saved.prefix(5).map(\.id))
        let read = try #require(try await store.userHistory(user: "ana", maxSessions: 100, checkinLimit: 0, knownSessions: known))
        #expect(read.sessionIDs == saved.map(\.id))
        #expect(read.workouts == Array(saved.dropFirst(5)))
    }
}
