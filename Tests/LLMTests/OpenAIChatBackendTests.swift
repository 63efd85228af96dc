import Foundation
import LanguageModel
import Testing
import SpotterTestSupport
@testable import LLM

@Suite struct OpenAIChatBackendTests {
    static func backend(_ server: FakeOpenAIServer, streaming: Bool = true, timeout: Duration = .seconds(10),
                        retries: Int = 2, apiKey: String? = nil) -> OpenAIChatBackend {
        OpenAIChatBackend(configuration: OpenAIBackendConfiguration(
            baseURL: server.baseURL, model: "fake-model", apiKey: apiKey, connectTimeout: .seconds(2),
            requestTimeout: timeout, maxRetries: retries, retryBaseDelay: .milliseconds(10), streaming: streaming))
    }

    static let messages: [ChatMessage] = [.system("You are terse."), .user("Say hello world")]

    @Test func stream_relaysEachUpstreamChunkBeforeTheNextArrives() async throws {
        // Event n+1 is only sent after the test has seen delta n: a buffering backend would stall.
        let server = try FakeOpenAIServer { _, _ in
            .gatedSSE([OpenAIFixtures.chunk("Hel"), OpenAIFixtures.chunk("lo "), OpenAIFixtures.chunk("world", finish: "stop"),
                       OpenAIFixtures.usageChunk(prompt: 11, completion: 3), "[DONE]"])
        }
        var deltas: [String] = []
        var finished: ChatBackendEvent?
        for try await event in Self.backend(server).stream(Self.messages, options: ChatOptions(maxTokens: 16)) {
            switch event {
            case .delta(let text):
                deltas.append(text)
                server.release()
                if deltas.count == 3 { server.release() }  // the usage chunk and [DONE] follow the last delta
            case .finished:
                finished = event
            }
        }
        server.release()
        #expect(deltas == ["Hel", "lo ", "world"])
        #expect(finished == .finished(ChatUsage(promptTokens: 11, completionTokens: 3), finishReason: "stop"))
    }

    @Test func request_carriesModelSamplingOptionsStreamUsageAndBearerKey() async throws {
        let server = try FakeOpenAIServer { _, _ in .sse([OpenAIFixtures.chunk("ok", finish: "stop"), "[DONE]"]) }
        let key = OpenAIBackendConfiguration.apiKey(fromEnvironmentVariable: "SPOTTER_TEST_KEY",
                                                    environment: ["SPOTTER_TEST_KEY": "sk-test-123"])
        _ = try await Self.backend(server, apiKey: key).complete(
            Self.messages, options: ChatOptions(temperature: 0.3, seed: 42, maxTokens: 64, stop: ["\n\n"]))
        let request = try #require(server.requests.first)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer sk-test-123")
        let json = request.json
        #expect(json["model"] as? String == "fake-model")
        #expect(json["temperature"] as? Double == 0.3)
        #expect(json["max_tokens"] as? Int == 64)
        #expect(json["seed"] as? Int == 42)
        #expect(json["stream"] as? Bool == true)
        #expect((json["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
        #expect(request.messages.map(\.role) == ["system", "user"])
        #expect(request.messages.last?.content == "Say hello world")
    }

    @Test func apiKey_whenEnvironmentVariableUnsetOrEmpty_isNil() {
        #expect(OpenAIBackendConfiguration.apiKey(fromEnvironmentVariable: "K", environment: [:]) == nil)
        #expect(OpenAIBackendConfiguration.apiKey(fromEnvironmentVariable: "K", environment: ["K": ""]) == nil)
        #expect(OpenAIBackendConfiguration.apiKey(fromEnvironmentVariable: nil, environment: ["K": "x"]) == nil)
    }

    @Test func nonStreaming_readsTheWholeMessageAndUsage() async throws {
        let server = try FakeOpenAIServer { _, _ in .json(status: 200, body: OpenAIFixtures.completion("Rest today.", prompt: 20, completion: 4)) }
        let result = try await Self.backend(server, streaming: false).complete(Self.messages, options: ChatOptions())
        #expect(result.text == "Rest today.")
        #expect(result.usage == ChatUsage(promptTokens: 20, completionTokens: 4))
        #expect(server.requests.first?.json["stream"] as? Bool == false)
        #expect(server.requests.first?.json["stream_options"] == nil)
    }

    @Test func streamingRequest_answeredWithPlainJSON_isReadAsAWholeResponse() async throws {
        let server = try FakeOpenAIServer { _, _ in .json(status: 200, body: OpenAIFixtures.completion("Deload.", prompt: 9, completion: 2)) }
        let result = try await Self.backend(server, streaming: true).complete(Self.messages, options: ChatOptions())
        #expect(result.text == "Deload.")
        #expect(result.usage == ChatUsage(promptTokens: 9, completionTokens: 2))
    }

    @Test func stream_withoutDoneSentinelOrUsage_finishesWithEstimatedUsage() async throws {
        // Ollama-style: no usage chunk, and this server closes without [DONE].
        let server = try FakeOpenAIServer { _, _ in .sse([OpenAIFixtures.chunk("a"), OpenAIFixtures.chunk("b", finish: "length")]) }
        let result = try await Self.backend(server).complete(Self.messages, options: ChatOptions())
        #expect(result.text == "ab")
        #expect(result.finishReason == "length")
        #expect(result.usage.completionTokens == 2)
        #expect(result.usage.promptTokens > 0)
    }

    @Test func hangingUpstream_failsWithTimeout504WithinTheDeadline() async throws {
        let server = try FakeOpenAIServer { _, _ in .hang }
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = await #expect(throws: LLMError.self) {
            _ = try await Self.backend(server, timeout: .seconds(1)).complete(Self.messages, options: ChatOptions())
        }
        let elapsed = ContinuousClock.now - started
        #expect(error?.kind == .timedOut)
        #expect(elapsed < .seconds(4), "a 1 s deadline must end the request well before 4 s, took \(elapsed)")
        #expect(server.requests.count == 1, "a timeout is not retried")
    }

    @Test func upstream500_isRetriedThenReportedAs502WithUpstreamMessage() async throws {
        let server = try FakeOpenAIServer { _, _ in .json(status: 500, body: OpenAIFixtures.error("CUDA out of memory")) }
        let error = await #expect(throws: LLMError.self) {
            _ = try await Self.backend(server, retries: 2).complete(Self.messages, options: ChatOptions())
        }
        #expect(server.requests.count == 3)
        #expect(error?.kind == .upstream)
        #expect(error?.upstreamStatus == 500)
        #expect(error?.message.contains("CUDA out of memory") == true)
    }

    @Test func upstream503ThenSuccess_succeedsOnRetry() async throws {
        let server = try FakeOpenAIServer { index, _ in
            index == 0 ? .json(status: 503, body: #"{"error":"loading model"}"#)
                : .sse([OpenAIFixtures.chunk("fine", finish: "stop"), "[DONE]"])
        }
        let result = try await Self.backend(server).complete(Self.messages, options: ChatOptions())
        #expect(result.text == "fine")
        #expect(server.requests.count == 2)
    }

    @Test func upstream400_isNotRetriedAndCarriesTheUpstreamMessage() async throws {
        let server = try FakeOpenAIServer { _, _ in
            .json(status: 400, body: OpenAIFixtures.error("max_tokens must be at most 4096"))
        }
        let error = await #expect(throws: LLMError.self) {
            _ = try await Self.backend(server, retries: 3).complete(Self.messages, options: ChatOptions())
        }
        #expect(server.requests.count == 1)
        #expect(error?.kind == .upstream)
        #expect(error?.upstreamStatus == 400)
        #expect(error?.message.contains("max_tokens must be at most 4096") == true)
    }

    @Test func unreachableServer_isRetriedThenReportedAs502() async throws {
        let server = try FakeOpenAIServer { _, _ in .hang }
        let port = server.port
        server.stop()  // nothing listens on this port any more
        let backend = OpenAIChatBackend(configuration: OpenAIBackendConfiguration(
            baseURL: "http://127.0.0.1:\(port)/v1", model: "m", connectTimeout: .seconds(2),
            maxRetries: 1, retryBaseDelay: .milliseconds(10)))
        let error = await #expect(throws: LLMError.self) {
            _ = try await backend.complete(Self.messages, options: ChatOptions())
        }
        #expect(error?.kind == .upstream)
        #expect(error?.message.contains("cannot reach") == true)
        #expect(error?.message.contains("2 attempt") == true)
    }

    @Test func errorObjectMidStream_failsWithTheUpstreamMessage() async throws {
        let server = try FakeOpenAIServer { _, _ in
            .sse([OpenAIFixtures.chunk("par"), #"{"error":{"message":"context length exceeded"}}"#])
        }
        let error = await #expect(throws: LLMError.self) {
            _ = try await Self.backend(server).complete(Self.messages, options: ChatOptions())
        }
        #expect(error?.message.contains("context length exceeded") == true)
        #expect(server.requests.count == 1, "nothing is retried once text was relayed")
    }

    @Test func clientGoingAway_abortsTheUpstreamRequest() async throws {
        let server = try FakeOpenAIServer { _, _ in .endlessSSE(intervalMs: 20) }
        defer { server.stop() }
        let backend = Self.backend(server, timeout: .seconds(60))
        let received = Counter()
        let consumer = Task {
            for try await event in backend.stream(Self.messages, options: ChatOptions()) {
                if case .delta = event { received.increment() }
            }
        }
        #expect(await waitUntil { received.value >= 3 })
        consumer.cancel()
        #expect(await server.waitUntil { $0.clientDisconnects == 1 }, "the upstream connection must be closed when the consumer goes away")
        _ = await consumer.result
    }
}
