import Foundation
import LanguageModel
import Testing
import SpotterTestSupport
@testable import LLM

/// The `openai` backend over a pool of real HTTP servers (the fake OpenAI server, one per port).
@Suite struct OpenAIChatBackendPoolTests {
    static let messages: [ChatMessage] = [.system("You are terse."), .user("Say hello")]
    static let ok: FakeOpenAIServer.Reply = .sse([OpenAIFixtures.chunk("hi", finish: "stop"), "[DONE]"])

    static func backend(_ urls: [String], retries: Int = 2, backoff: Duration = .seconds(1),
                        clock: ManualClock? = nil) -> OpenAIChatBackend {
        let configuration = OpenAIBackendConfiguration(
            baseURLs: urls, model: "fake-model", connectTimeout: .seconds(2), requestTimeout: .seconds(10),
            maxRetries: retries, retryBaseDelay: .milliseconds(10),
            serverBackoff: ModelServerBackoff(initial: backoff, maximum: backoff * 8))
        guard let clock else { return OpenAIChatBackend(configuration: configuration) }
        return OpenAIChatBackend(configuration: configuration, now: { clock.now })
    }

    /// A base URL where nothing listens.
    static func deadURL() throws -> String {
        let server = try FakeOpenAIServer(reply: .hang)
        server.stop()
        return server.baseURL
    }

    @Test func concurrentRequests_spreadEvenlyAcrossEquallyLoadedServers() async throws {
        let gated: FakeOpenAIServer.Reply = .gatedSSE([OpenAIFixtures.chunk("a"), OpenAIFixtures.chunk("b", finish: "stop"), "[DONE]"])
        let servers = try (0..<3).map { _ in try FakeOpenAIServer(reply: gated) }
        defer { servers.forEach { $0.stop() } }
        let backend = Self.backend(servers.map(\.baseURL))
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<6 {
                group.addTask { try await backend.complete(Self.messages, options: ChatOptions()).text }
            }
            // Every request is held by its server after the first chunk, so all six are in flight at once.
            #expect(await waitUntil { servers.allSatisfy { $0.requests.count == 2 } })
            #expect(backend.pool.snapshot.map(\.inFlight) == [2, 2, 2])
            for server in servers { for _ in 0..<4 { server.release() } }
            for try await text in group { #expect(text == "ab") }
        }
        #expect(backend.pool.snapshot.map(\.requests) == [2, 2, 2])
    }

    @Test func busyServer_isPassedOverForIdleOnes() async throws {
        let held = try FakeOpenAIServer(reply: .gatedSSE([OpenAIFixtures.chunk("slow"), OpenAIFixtures.chunk("!", finish: "stop"), "[DONE]"]))
        let b = try FakeOpenAIServer(reply: Self.ok), c = try FakeOpenAIServer(reply: Self.ok)
        defer { [held, b, c].forEach { $0.stop() } }
        let backend = Self.backend([held.baseURL, b.baseURL, c.baseURL])
        let slow = Task { try await backend.complete(Self.messages, options: ChatOptions()).text }
        #expect(await held.waitUntil { $0.requests.count == 1 })
        for _ in 0..<6 { _ = try await backend.complete(Self.messages, options: ChatOptions()) }
        #expect(held.requests.count == 1, "the server with a request in flight gets nothing while others are idle")
        #expect(b.requests.count == 3 && c.requests.count == 3, "ties between idle servers go round-robin")
        held.release()
        held.release()
        #expect(try await slow.value == "slow!")
    }

    @Test func deadServer_isSkippedAndItsRequestsLandOnTheLiveOne() async throws {
        let live = try FakeOpenAIServer(reply: Self.ok)
        defer { live.stop() }
        let backend = Self.backend([try Self.deadURL(), live.baseURL])
        for _ in 0..<4 {
            #expect(try await backend.complete(Self.messages, options: ChatOptions()).text == "hi")
        }
        #expect(live.requests.count == 4)
        let dead = backend.pool.snapshot[0]
        #expect(dead.state == .out)
        #expect(dead.failures == 1, "once out, the dead server is not tried again before its backoff")
        #expect(dead.lastFailure?.isEmpty == false)
    }

    @Test func serverAnswering500_isTakenOutAndComesBackAfterItsBackoff() async throws {
        let clock = ManualClock()
        let flaky = try FakeOpenAIServer { index, _ in
            index == 0 ? .json(status: 500, body: OpenAIFixtures.error("CUDA out of memory")) : Self.ok
        }
        let steady = try FakeOpenAIServer(reply: Self.ok)
        defer { flaky.stop(); steady.stop() }
        let backend = Self.backend([flaky.baseURL, steady.baseURL], clock: clock)

        #expect(try await backend.complete(Self.messages, options: ChatOptions()).text == "hi")
        #expect(flaky.requests.count == 1 && steady.requests.count == 1, "the 500 was retried on the other server")
        #expect(backend.pool.snapshot[0].state == .out)
        _ = try await backend.complete(Self.messages, options: ChatOptions())
        #expect(flaky.requests.count == 1, "an out server gets no requests before its backoff passes")

        clock.advance(by: .seconds(1))  // the whole first backoff, jitter included
        _ = try await backend.complete(Self.messages, options: ChatOptions())
        #expect(flaky.requests.count == 2, "after its backoff the server gets a trial request")
        #expect(backend.pool.snapshot[0].state == .healthy)
        #expect(backend.pool.snapshot.map(\.failures) == [1, 0])
    }

    @Test func allServersDown_failsFastWithA503NamingTheServersAndTheNextTry() async throws {
        let urls = [try Self.deadURL(), try Self.deadURL()]
        let backend = Self.backend(urls, retries: 2, backoff: .seconds(30))
        let first = await #expect(throws: LLMError.self) {
            _ = try await backend.complete(Self.messages, options: ChatOptions())
        }
        #expect(first?.kind == .upstream, "the request that found them down reports what went wrong")
        #expect(backend.pool.snapshot.map(\.state) == [.out, .out])

        let error = await #expect(throws: LLMError.self) {
            _ = try await backend.complete(Self.messages, options: ChatOptions())
        }
        #expect(error?.kind == .overloaded)
        #expect(error?.message.contains("no language model server is available") == true)
        for label in backend.pool.servers.map(\.label) { #expect(error?.message.contains(label) == true) }
        #expect(error?.message.contains("next try in") == true)
        #expect((error?.retryAfterSeconds ?? 0) >= 1)
        #expect(backend.pool.snapshot.map(\.failures) == [1, 2], "nothing more was sent to servers that are out")
    }

    @Test func failureBeforeTheFirstToken_isRetriedOnceOnAnotherServer() async throws {
        let servers = try (0..<3).map { _ in try FakeOpenAIServer(reply: .json(status: 503, body: #"{"error":"loading model"}"#)) }
        defer { servers.forEach { $0.stop() } }
        let error = await #expect(throws: LLMError.self) {
            _ = try await Self.backend(servers.map(\.baseURL), retries: 5).complete(Self.messages, options: ChatOptions())
        }
        #expect(servers.map { $0.requests.count } == [1, 1, 0], "one retry, on another server; never a third")
        #expect(error?.kind == .upstream)
        #expect(error?.upstreamStatus == 503)
        #expect(error?.message.contains("loading model") == true)
    }

    @Test func failureAfterStreamingBegan_isNotRetried() async throws {
        let breaking = try FakeOpenAIServer(reply: .sse([OpenAIFixtures.chunk("Par"), #"{"error":{"message":"worker crashed"}}"#]))
        let other = try FakeOpenAIServer(reply: Self.ok)
        defer { breaking.stop(); other.stop() }
        let backend = Self.backend([breaking.baseURL, other.baseURL])
        var relayed = ""
        let error = await #expect(throws: LLMError.self) {
            for try await event in backend.stream(Self.messages, options: ChatOptions()) {
                if case .delta(let text) = event { relayed += text }
            }
        }
        #expect(relayed == "Par")
        #expect(error?.message.contains("worker crashed") == true)
        #expect(other.requests.isEmpty, "text already reached the client: no other server may start the reply again")
    }

    @Test func serverWithItsOwnModelAndKey_getsThemAndTheOthersGetThePools() async throws {
        let shared = try FakeOpenAIServer(reply: Self.ok), own = try FakeOpenAIServer(reply: Self.ok)
        defer { shared.stop(); own.stop() }
        var configuration = OpenAIBackendConfiguration(baseURLs: [shared.baseURL, own.baseURL], model: "pool-model", apiKey: "pool-key")
        configuration.servers[1].model = "llama3.1:8b"
        configuration.servers[1].apiKey = "own-key"
        let backend = OpenAIChatBackend(configuration: configuration)
        for _ in 0..<2 { _ = try await backend.complete(Self.messages, options: ChatOptions()) }
        let first = try #require(shared.requests.first), second = try #require(own.requests.first)
        #expect(first.json["model"] as? String == "pool-model")
        #expect(first.headers["authorization"] == "Bearer pool-key")
        #expect(second.json["model"] as? String == "llama3.1:8b")
        #expect(second.headers["authorization"] == "Bearer own-key")
        #expect(second.messages.map(\.content) == first.messages.map(\.content))
    }

    @Test func singleServer_blipIsRiddenOutOnTheSameServer() async throws {
        let server = try FakeOpenAIServer { index, _ in index == 0 ? .json(status: 502, body: "bad gateway") : Self.ok }
        defer { server.stop() }
        let backend = Self.backend([server.baseURL])
        #expect(try await backend.complete(Self.messages, options: ChatOptions()).text == "hi")
        #expect(server.requests.count == 2)
        #expect(backend.pool.snapshot[0].state == .healthy, "a pool of one (e.g. one URL in front of a balancer) stays in")
        #expect(backend.pool.snapshot[0].requests == 2 && backend.pool.snapshot[0].failures == 1)
    }
}
