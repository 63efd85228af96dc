import Foundation
import GRDB
import Testing
@testable import Store

@Suite struct StoreUserTests {
    @Test(arguments: Engine.allCases) func saveUser_thenUser_returnsTheProfile(engine: Engine) async throws {
        let store = try await engine.openStore()
        let profile = UserProfile(id: "ana", age: 31, sex: .female, bodyweightKg: 62.5, units: .lb, experience: .intermediate,
                                  goal: .weightLoss, daysPerWeek: 4, equipment: ["barbell", "dumbbells"], injuries: ["left knee"],
                                  preferences: ["likes": "deadlifts"])
        try await store.saveUser(profile)
        let read = try #require(try await store.user(id: "ana"))
        #expect(read.goal == .weightLoss)
        #expect(read.bodyweightKg == 62.5)
        #expect(read.units == .lb)
        #expect(read.equipment == ["barbell", "dumbbells"])
        #expect(read.injuries == ["left knee"])
        #expect(read.preferences == ["likes": "deadlifts"])
    }

    @Test(arguments: Engine.allCases) func saveUser_whenReplacing_keepsCreationTime(engine: Engine) async throws {
        let store = try await engine.openStore()
        let first = try await store.saveUser(UserProfile(id: "ana", age: 30))
        let second = try await store.saveUser(UserProfile(id: "ana", age: 31))
        #expect(second.createdAt == first.createdAt)
        #expect(try await store.user(id: "ana")?.age == 31)
    }

    @Test(arguments: Engine.allCases) func saveUser_whenAgeOutOfRange_throwsNamingTheField(engine: Engine) async throws {
        let store = try await engine.openStore()
        await #expect(throws: StoreError(.invalid(field: "age"), "age 300 is outside 5–120")) {
            try await store.saveUser(UserProfile(id: "ana", age: 300))
        }
    }

    @Test(arguments: Engine.allCases) func saveUser_whenIDHasSlash_isRejected(engine: Engine) async throws {
        let store = try await engine.openStore()
        let error = await #expect(throws: StoreError.self) { try await store.saveUser(UserProfile(id: "a/b")) }
        #expect(error?.kind == .invalid(field: "user"))
    }

    @Test(arguments: Engine.allCases) func deleteUser_removesEveryRowOfThatUserOnly(engine: Engine) async throws {
        let store = try await makeStore(engine, user: "ana")
        try await store.saveUser(UserProfile(id: "bob"))
        for user in ["ana", "bob"] {
            _ = try await store.saveWorkout(workout(at: 1_000), user: user, idempotencyKey: "k1")
            try await store.saveCheckin(CheckIn(day: UTCDay("2025-09-15")!, sleepHours: 7), user: user)
            let c = try await store.createConversation(user: user)
            try await store.appendMessage(conversation: c.id, user: user, role: .user, content: "hi")
            try await store.saveFeedback(Feedback(userID: user, conversationID: c.id, rating: 1))
        }
        #expect(try await store.deleteUser(id: "ana"))
        #expect(try await store.user(id: "ana") == nil)
        var remaining: [String?] = []
        for table in ["workout_sessions", "workout_exercises", "workout_sets", "checkins", "conversations", "messages", "feedback", "idempotency_keys"] {
            remaining += try await storedText(store, "SELECT COUNT(*) FROM \(table)")
        }
        #expect(remaining == Array(repeating: "1", count: 8), "only bob's rows remain")
        #expect(try await store.deleteUser(id: "ana") == false)
    }

    @Test func units_convertPoundsExactly() {
        #expect(WeightUnit.lb.toKilograms(100) == 45.359237)
        #expect(abs(WeightUnit.lb.fromKilograms(45.359237) - 100) < 1e-12)
        #expect(WeightUnit.kg.toKilograms(80) == 80)
    }
}
