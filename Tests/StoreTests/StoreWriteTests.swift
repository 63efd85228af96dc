import Foundation
import Testing
@testable import Store

/// What an acknowledged workout write returns and leaves behind, on both engines: the answer
/// equals what a later read returns (PostgreSQL answers from the values it bound and
/// `RETURNING`, without reading back), and a refused write leaves nothing — no session, no
/// sets, no claimed key.
@Suite struct StoreWriteTests {
    /// Every optional field set, fractional-second dates, two exercises, sets of several types.
    static let detailed = NewWorkout(
        title: "Upper ✓", startedAt: Date(timeIntervalSince1970: 1_700_000_000.123_456), endedAt: Date(timeIntervalSince1970: 1_700_003_600.987_654),
        notes: "felt strong", source: .api, exercises: [
            WorkoutExercise(name: "Bench Press (Barbell)", exerciseID: "Barbell_Bench_Press", canonicalName: "Barbell Bench Press",
                            notes: "pause reps", sets: [
                                WorkoutSet(type: .warmup, weightKg: 60, reps: 8),
                                WorkoutSet(weightKg: 92.5, reps: 5, rpe: 8.5, rir: 1, notes: "belt"),
                                WorkoutSet(type: .failure, weightKg: 92.5, reps: 3, rpe: 10, rir: 0),
                            ]),
            WorkoutExercise(name: "Rowing Machine", sets: [WorkoutSet(distanceMeters: 2000, durationSeconds: 451.5)]),
        ])

    @Test(arguments: Engine.allCases) func saveWorkout_answer_equalsWhatAReadReturns(engine: Engine) async throws {
        let store = try await makeStore(engine)
        let saved = try await store.saveWorkout(Self.detailed, user: "ana", idempotencyKey: "k1", requestHash: "h")
        let read = try await store.workouts(user: "ana", limit: 10, before: nil).workouts
        #expect(read == [saved.workout])
        #expect(saved.workout.userID == "ana")
        let retry = try await store.saveWorkout(Self.detailed, user: "ana", idempotencyKey: "k1", requestHash: "h")
        #expect(retry.replayed && retry.workout == saved.workout)
    }

    @Test(arguments: Engine.allCases) func saveWorkout_sameStartWithANewKey_isAConflict_andLeavesTheKeyFree(engine: Engine) async throws {
        let store = try await makeStore(engine)
        _ = try await store.saveWorkout(workout(at: 1_000), user: "ana", idempotencyKey: "first", requestHash: "h1")
        let error = await #expect(throws: StoreError.self) {
            _ = try await store.saveWorkout(workout(at: 1_000), user: "ana", idempotencyKey: "second", requestHash: "h2")
        }
        #expect(error?.kind == .conflict)
        // The refused write claimed nothing: the key still works for a new session.
        let later = try await store.saveWorkout(workout(at: 2_000), user: "ana", idempotencyKey: "second", requestHash: "h3")
        #expect(!later.replayed)
        #expect(try await store.workoutCounts(user: "ana") == (2, 2))
    }

    @Test(arguments: Engine.allCases) func saveWorkout_reusedKeyWithAnotherBody_rollsBackItsSessionAndSets(engine: Engine) async throws {
        let store = try await makeStore(engine)
        _ = try await store.saveWorkout(workout(at: 1_000), user: "ana", idempotencyKey: "k", requestHash: "h1")
        await #expect(throws: StoreError.self) {
            _ = try await store.saveWorkout(Self.detailed, user: "ana", idempotencyKey: "k", requestHash: "h2")
        }
        #expect(try await store.workoutCounts(user: "ana") == (1, 1))
        #expect(try await storedText(store, "SELECT count(*) FROM workout_exercises") == ["1"])
    }

    @Test(arguments: Engine.allCases) func saveWorkout_forUnknownUser_writesNothing(engine: Engine) async throws {
        let store = try await makeStore(engine)
        let error = await #expect(throws: StoreError.self) {
            _ = try await store.saveWorkout(Self.detailed, user: "zoe", idempotencyKey: "k", requestHash: "h")
        }
        #expect(error?.kind == .notFound)
        #expect(try await storedText(store, "SELECT count(*) FROM workout_sessions") == ["0"])
        #expect(try await storedText(store, "SELECT count(*) FROM idempotency_keys") == ["0"])
    }

    /// PostgreSQL's write commits inside its one call (`spotter_write_workout` with commit): after
    /// writes, a key refused, a start time taken and an import, no pooled connection is left
    /// inside a transaction (a later `BEGIN` there would only warn, and its work would never end).
    @Test func saveWorkout_onPostgres_endsEveryTransactionItStarts() async throws {
        let store = try await makeStore(.postgres)
        _ = try await store.saveWorkout(workout(at: 1_000), user: "ana", idempotencyKey: "k", requestHash: "h1")
        _ = try await store.saveWorkout(workout(at: 1_000), user: "ana", idempotencyKey: "k", requestHash: "h1")
        await #expect(throws: StoreError.self) {
            _ = try await store.saveWorkout(Self.detailed, user: "ana", idempotencyKey: "k", requestHash: "h2")
        }
        await #expect(throws: StoreError.self) { _ = try await store.saveWorkout(workout(at: 1_000), user: "ana") }
        _ = try await store.saveWorkout(Self.detailed, user: "ana")
        #expect(try await store.workoutCounts(user: "ana").sessions == 2)
        #expect(try await storedText(store, """
            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND (state LIKE 'idle in transaction%' OR backend_xid IS NOT NULL)
            """) == ["0"])
    }
}
