import Agents
import Foundation
import Store
import Testing
@testable import Server
@testable import SpotterApp

/// The Store adapters behind chat: user context (from one history read) in the user's units and
/// never another user's, conversations created on first turn and hidden from other users.
@Suite struct ChatAdapterTests {
    static func store() async throws -> SpotterStore {
        let store = try SpotterStore.inMemory()
        _ = try await store.saveUser(UserProfile(id: "lee", bodyweightKg: 90.7184, units: .lb, goal: .hypertrophy))
        _ = try await store.saveUser(UserProfile(id: "kim", units: .kg))
        _ = try await store.saveWorkout(NewWorkout(title: "Legs", startedAt: Date(timeIntervalSince1970: 1_763_000_000), exercises: [
            WorkoutExercise(name: "Squat", canonicalName: "Barbell Squat", sets: [
                WorkoutSet(type: .warmup, weightKg: 20, reps: 10),
                WorkoutSet(weightKg: 102.058, reps: 5, rpe: 8),
            ]),
        ]), user: "lee")
        _ = try await store.saveWorkout(NewWorkout(title: "Kim's", startedAt: Date(timeIntervalSince1970: 1_763_100_000), exercises: [
            WorkoutExercise(name: "Deadlift", sets: [WorkoutSet(weightKg: 140, reps: 3)]),
        ]), user: "kim")
        _ = try await store.saveCheckin(CheckIn(day: UTCDay("2025-11-12")!, sleepHours: 5.5, soreness: 8), user: "kim")
        return store
    }

    @Test func userContext_convertsToTheUsersUnits_dropsWarmups_andHoldsOnlyTheirData() async throws {
        let store = try await Self.store()
        let context = try await Self.context(store, "lee")
        #expect(context.user == "lee")
        #expect(context.profile?.units == "lb")
        #expect(context.profile?.bodyweight == 200)   // 90.7184 kg
        #expect(context.recentSessions.count == 1)
        let session = try #require(context.recentSessions.first)
        #expect(session.date == "2025-11-13")
        #expect(session.exercises.map(\.name) == ["Barbell Squat"])
        #expect(session.exercises[0].sets == [SetSummary(weight: 225, reps: 5, rpe: 8)])
        #expect(context.lastCheckIn == nil)   // kim's check-in is not lee's
    }

    @Test func userContext_unknownUser_isNotFound() async throws {
        let store = try await Self.store()
        await #expect(throws: AgentsError.self) {
            _ = try await Self.context(store, "ghost")
        }
        do { _ = try await Self.context(store, "ghost") } catch let e as AgentsError {
            #expect(e.kind == .notFound)
            #expect(APIError.translate(e).status.code == 404)
        }
    }

    /// The chat's context for `user`, without grounding.
    static func context(_ store: SpotterStore, _ user: String) async throws -> UserContext {
        let provider = HistoryChatContextProvider(reader: UserHistoryReader(source: store, catalog: nil), grounding: nil)
        return try await provider.chatContext(for: user, message: "hi", grounding: false).user
    }

    @Test func conversations_createdOnFirstTurn_hiddenFromOtherUsers() async throws {
        let store = try await Self.store()
        let recorder = StoreConversationRecorder(store: store)
        #expect(try await recorder.recentMessages(conversation: "c1", user: "lee", limit: 6).isEmpty)
        let turn = ConversationTurn(conversation: "c1", user: "lee", agent: "coach", message: "hi", reply: "hello",
                                    routing: RoutingDecision(agent: "coach", method: .explicit, score: 1, reason: "asked"),
                                    usage: Usage(promptTokens: 1, completionTokens: 1), createdAt: Date())
        try await recorder.append(turn)
        let messages = try await recorder.recentMessages(conversation: "c1", user: "lee", limit: 6)
        #expect(messages == [ConversationMessage(role: "user", content: "hi"), ConversationMessage(role: "assistant", content: "hello")])
        await #expect(throws: AgentsError(.notFound, "conversation 'c1' of user 'kim' does not exist; omit conversation to start a new one")) {
            _ = try await recorder.recentMessages(conversation: "c1", user: "kim", limit: 6)
        }
        var stolen = turn
        stolen.user = "kim"
        await #expect(throws: AgentsError.self) { try await recorder.append(stolen) }
        #expect(try await store.messages(conversation: "c1", user: "lee").count == 2)
    }
}
