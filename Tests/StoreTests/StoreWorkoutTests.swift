import Foundation
import GRDB
import Testing
@testable import Store

@Suite struct StoreWorkoutTests {
    @Test(arguments: Engine.allCases) func saveWorkout_storesExercisesAndSetsInOrder(engine: Engine) async throws {
        let store = try await makeStore(engine)
        let w = NewWorkout(title: "Lower", startedAt: Date(timeIntervalSince1970: 1_700_000_000), endedAt: Date(timeIntervalSince1970: 1_700_003_600),
                           exercises: [
                               WorkoutExercise(name: "Squat (Barbell)", sets: [WorkoutSet(type: .warmup, weightKg: 60, reps: 8),
                                                                               WorkoutSet(weightKg: 100, reps: 5, rpe: 8.5, rir: 1, notes: "belt")]),
                               WorkoutExercise(name: "Leg Curl", sets: [WorkoutSet(type: .dropset, weightKg: 40, reps: 12)]),
                           ])
        let saved = try await store.saveWorkout(w, user: "ana")
        #expect(!saved.replayed)
        #expect(saved.workout.workout == w)
    }

    @Test(arguments: Engine.allCases) func saveWorkout_withSameIdempotencyKeyAndBody_returnsFirstResultAndWritesNothing(engine: Engine) async throws {
        let store = try await makeStore(engine)
        let first = try await store.saveWorkout(workout(at: 1_000), user: "ana", idempotencyKey: "abc", requestHash: "h1")
        let retry = try await store.saveWorkout(workout(at: 1_000), user: "ana", idempotencyKey: "abc", requestHash: "h1")
        #expect(retry.replayed)
        #expect(retry.workout == first.workout)
        #expect(try await store.workoutCounts(user: "ana").sessions == 1)
    }

    @Test(arguments: Engine.allCases) func saveWorkout_withReusedKeyAndDifferentBody_isAConflict(engine: Engine) async throws {
        let store = try await makeStore(engine)
        _ = try await store.saveWorkout(workout(at: 1_000), user: "ana", idempotencyKey: "abc", requestHash: "h1")
        let error = await #expect(throws: StoreError.self) {
            _ = try await store.saveWorkout(workout(at: 2_000), user: "ana", idempotencyKey: "abc", requestHash: "h2")
        }
        #expect(error?.kind == .conflict)
        #expect(try await store.workoutCounts(user: "ana").sessions == 1)
    }

    @Test(arguments: Engine.allCases) func saveWorkout_forUnknownUser_isNotFound(engine: Engine) async throws {
        let store = try await makeStore(engine)
        let error = await #expect(throws: StoreError.self) { _ = try await store.saveWorkout(workout(at: 1), user: "zoe") }
        #expect(error?.kind == .notFound)
        #expect(error?.message.contains("PUT /v1/users/zoe") == true)
    }

    @Test(arguments: Engine.allCases) func saveWorkout_whenRPEAboveTen_namesTheSet(engine: Engine) async throws {
        let store = try await makeStore(engine)
        let error = await #expect(throws: StoreError.self) {
            _ = try await store.saveWorkout(workout(at: 1, sets: [WorkoutSet(weightKg: 50, reps: 5), WorkoutSet(weightKg: 50, reps: 5, rpe: 11)]), user: "ana")
        }
        #expect(error?.kind == .invalid(field: "exercises[0].sets[1].rpe"))
    }

    @Test(arguments: Engine.allCases) func workouts_pageNewestFirstWithoutGapsOrRepeats(engine: Engine) async throws {
        let store = try await makeStore(engine)
        for i in 0..<25 { _ = try await store.saveWorkout(workout(at: Double(1_000 + i * 100)), user: "ana") }
        var seen: [Date] = []
        var cursor: Int64?
        repeat {
            let page = try await store.workouts(user: "ana", limit: 10, before: cursor)
            seen += page.workouts.map(\.workout.startedAt)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen.count == 25)
        #expect(seen == seen.sorted(by: >))
        #expect(Set(seen).count == 25)
    }

    @Test(arguments: Engine.allCases) func latestCheckin_returnsMostRecentDay_andSameDayReplaces(engine: Engine) async throws {
        let store = try await makeStore(engine)
        try await store.saveCheckin(CheckIn(day: UTCDay("2025-09-14")!, sleepHours: 8, soreness: 2), user: "ana")
        try await store.saveCheckin(CheckIn(day: UTCDay("2025-09-15")!, sleepHours: 5, soreness: 8), user: "ana")
        try await store.saveCheckin(CheckIn(day: UTCDay("2025-09-15")!, sleepHours: 5.5, soreness: 7), user: "ana")
        let latest = try #require(try await store.latestCheckin(user: "ana"))
        #expect(latest.day.text == "2025-09-15")
        #expect(latest.sleepHours == 5.5)
        #expect(try await store.recentCheckins(user: "ana").count == 2)
    }

    @Test(arguments: Engine.allCases) func saveCheckin_whenSorenessAboveTen_namesTheField(engine: Engine) async throws {
        let store = try await makeStore(engine)
        let error = await #expect(throws: StoreError.self) { try await store.saveCheckin(CheckIn(day: UTCDay("2025-09-15")!, soreness: 11), user: "ana") }
        #expect(error?.kind == .invalid(field: "soreness"))
    }

    @Test(arguments: Engine.allCases) func messages_neverCrossUsers(engine: Engine) async throws {
        let store = try await makeStore(engine, user: "ana")
        try await store.saveUser(UserProfile(id: "bob"))
        let c = try await store.createConversation(user: "ana")
        try await store.appendMessage(conversation: c.id, user: "ana", role: .user, content: "squat tips?")
        try await store.appendMessage(conversation: c.id, user: "ana", role: .assistant, content: "brace", agent: "coach")
        #expect(try await store.messages(conversation: c.id, user: "ana").map(\.content) == ["squat tips?", "brace"])
        #expect(try await store.messages(conversation: c.id, user: "bob").isEmpty)
        await #expect(throws: StoreError.self) { try await store.appendMessage(conversation: c.id, user: "bob", role: .user, content: "x") }
    }

    @Test func open_onDisk_usesWALAndSynchronousFull() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spt-store-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SpotterStore.open(directory: dir)
        let (journal, sync) = try await store.writer.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(journal == "wal")
        #expect(sync == 2)
        #expect(try await store.schemaVersion() == 2)
        #expect(try await store.integrityCheck() == "ok")
        try store.close()
    }
}
