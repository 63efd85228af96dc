import Foundation
import SpotterTestSupport
import LanguageModel
import Testing
@testable import LLM

@Suite struct EmbeddedChatBackendTests {
    @Test func stream_relaysModelTextAndUsageAndPassesSamplingOptions() async throws {
        let model = ScriptedChatModel(pieces: ["Sleep ", "8 h, ", "then squat."])
        let backend = EmbeddedChatBackend(model: model)
        let result = try await backend.complete([.system("s"), .user("u")],
                                                options: ChatOptions(temperature: 0.3, seed: 7, maxTokens: 10, stop: ["###"]))
        #expect(result.text == "Sleep 8 h, then squat.")
        #expect(result.usage == ChatUsage(promptTokens: 20, completionTokens: 3))
        #expect(result.finishReason == "stop")
        let options = try #require(model.lastOptions)
        #expect(options.temperature == 0.3)
        #expect(options.seed == 7)
        #expect(options.maxTokens == 10)
        #expect(options.stop == ["###"])
        #expect(backend.kind == "embedded")
        #expect(backend.model == "scripted-model")
        #expect(backend.contextLength == 2048)
    }

    @Test func saturation_excessRequestsGet503WithRetryAfter_andTheRestComplete() async throws {
        let model = ScriptedChatModel(pieces: ["ok"], gated: true)
        let backend = EmbeddedChatBackend(model: model, maxConcurrent: 2, maxQueued: 1, retryAfterSeconds: 7)
        let messages: [ChatMessage] = [.user("hi")]
        var admitted: [Task<String, Error>] = []
        for expected in [(1, 0), (2, 0), (2, 1)] {
            admitted.append(Task { try await backend.complete(messages, options: ChatOptions()).text })
            #expect(await waitUntil { await backend.limiter.load == expected })
        }
        var rejected: [LLMError] = []
        for _ in 0..<2 {
            do {
                _ = try await backend.complete(messages, options: ChatOptions())
            } catch let error as LLMError {
                rejected.append(error)
            }
        }
        model.openGate()
        var replies: [String] = []
        for task in admitted { replies.append(try await task.value) }

        #expect(replies == ["ok", "ok", "ok"])
        #expect(rejected.count == 2)
        #expect(rejected.allSatisfy { $0.kind == .overloaded && $0.retryAfterSeconds == 7 })
        #expect(rejected.first?.message.contains("retry in 7 s") == true)
        #expect(model.started == 3)
        #expect(await backend.limiter.load == (0, 0))
    }

    @Test func cancellingTheConsumer_stopsTheGenerationAndFreesTheSlot() async throws {
        let model = ScriptedChatModel(pieces: Array(repeating: "tok ", count: 1000), pieceDelay: .milliseconds(5))
        let backend = EmbeddedChatBackend(model: model, maxConcurrent: 1, maxQueued: 0)
        let seen = Counter()
        let consumer = Task {
            for try await event in backend.stream([.user("go")], options: ChatOptions(maxTokens: 1000)) {
                if case .delta = event { seen.increment() }
            }
        }
        #expect(await waitUntil { seen.value >= 3 })
        consumer.cancel()
        #expect(await waitUntil { model.cancelled == 1 }, "the model's stream must be cancelled")
        #expect(await waitUntil { await backend.limiter.load == (0, 0) })
        #expect(model.completed == 0)
        #expect(seen.value < 1000)
    }

    @Test func cancellingAQueuedRequest_removesItFromTheQueue() async throws {
        let model = ScriptedChatModel(pieces: ["x"], gated: true)
        let backend = EmbeddedChatBackend(model: model, maxConcurrent: 1, maxQueued: 1)
        let running = Task { try await backend.complete([.user("a")], options: ChatOptions()) }
        #expect(await waitUntil { await backend.limiter.load == (1, 0) })
        let queued = Task { try await backend.complete([.user("b")], options: ChatOptions()) }
        #expect(await waitUntil { await backend.limiter.load == (1, 1) })
        queued.cancel()
        #expect(await waitUntil { await backend.limiter.load == (1, 0) })
        let outcome = await queued.result
        #expect(throws: LLMError.self) { try outcome.get() }
        model.openGate()
        _ = try await running.value
        #expect(model.started == 1)
    }
}
