import Foundation
import LanguageModel
import LLM
import Testing
import SpotterTestSupport
@testable import Agents

@Suite struct ChatServiceTests {
    static func service(backend: any ChatBackend, conversations: MemoryConversations = MemoryConversations(),
                        url: URL = agentsYAML, profile: PromptProfile = .full) throws -> ChatService {
        ChatService(configuration: try AgentsConfiguration.load(from: url, profile: profile), configurationURL: url, backend: backend,
                    users: FixedUsers(), grounding: FixedGrounding(), passages: FixedPassages(), conversations: conversations)
    }

    @Test func eachAgentsUpstreamRequest_carriesItsTemperatureSystemPromptAndFewShotTurns() async throws {
        let server = try FakeOpenAIServer { _, _ in
            .sse([OpenAIFixtures.chunk("Hold 50 kg."), OpenAIFixtures.usageChunk(prompt: 900, completion: 4), "[DONE]"])
        }
        let backend = OpenAIChatBackend(configuration: OpenAIBackendConfiguration(
            baseURL: server.baseURL, model: "served-model", contextLength: 8192))
        let service = try Self.service(backend: backend)
        let config = service.configuration
        for (index, name) in ["insight", "planner", "coach"].enumerated() {
            let response = try await service.respond(to: ChatRequest(user: "ana", message: "How is my bench?", agent: name))
            #expect(response.agent == name)
            #expect(response.reply == "Hold 50 kg.")
            #expect(response.backend == "openai")
            #expect(response.model == "served-model")
            let agent = try #require(config.agents[name])
            let sent = server.requests[index]
            #expect(sent.json["temperature"] as? Double == agent.temperature)
            #expect(sent.json["max_tokens"] as? Int == agent.maxTokens)
            let messages = sent.messages
            #expect(messages.first?.role == "system")
            #expect(messages.first?.content == agent.systemPrompt)
            let shots = agent.fewShot.flatMap { [("user", $0.user), ("assistant", $0.assistant)] }
            let sentShots = messages[1...shots.count].map { ($0.role, $0.content) }
            #expect(sentShots.elementsEqual(shots, by: { $0 == $1 }), "\(name) few-shot turns must follow the system prompt")
            #expect(messages.last?.role == "user")
            #expect(messages.last?.content.hasSuffix("How is my bench?") == true)
        }
    }

    @Test func respond_returnsRoutingGroundingCitationsUsageAndStoresTheTurn() async throws {
        let conversations = MemoryConversations()
        let backend = RecordingBackend(reply: ["Bench press ", "60 kg for 5 today."])
        let service = try Self.service(backend: backend, conversations: conversations)
        let response = try await service.respond(to: ChatRequest(user: "ana", message: "Why has my bench press stalled lately?"))

        #expect(response.agent == "insight")
        #expect(response.routing.method == .similarity)
        #expect(response.grounding.facts.map(\.id) == ["overload:bench-press"])
        #expect(response.grounding.lastCheckIn?.sleepHours == 5.5)
        #expect(response.citations.map(\.id) == ["p-deload", "p-sleep"])
        // 60 kg is above the grounded 50-52.5 kg: corrected and reported.
        #expect(response.reply == "Bench press 52.5 kg for 5 today.")
        #expect(response.checks.map(\.kind) == ["load_out_of_range"])
        #expect(response.usage == Usage(promptTokens: 100, completionTokens: 2))
        #expect(response.timings.totalMs >= response.timings.generationMs)
        #expect(response.timings.firstTokenMs != nil)
        #expect(backend.calls.first?.options.temperature == 0.3)

        let stored = try #require(conversations.stored.first)
        #expect(stored.conversation == response.conversation)
        #expect(stored.user == "ana")
        #expect(stored.reply == response.reply)
        #expect(stored.agent == "insight")
    }

    @Test func secondTurn_remembersTheConversation_andAnotherUserCannotContinueIt() async throws {
        let conversations = MemoryConversations()
        let backend = RecordingBackend(reply: ["Noted."])
        let service = try Self.service(backend: backend, conversations: conversations)
        let first = try await service.respond(to: ChatRequest(user: "ana", message: "My squat felt slow", agent: "coach"))
        _ = try await service.respond(to: ChatRequest(user: "ana", message: "And today?", agent: "coach", conversation: first.conversation))
        let second = try #require(backend.calls.last).messages
        #expect(second.contains(.user("My squat felt slow")))
        #expect(second.contains(.assistant("Noted.")))

        let error = await #expect(throws: AgentsError.self) {
            _ = try await service.respond(to: ChatRequest(user: "ben", message: "hi", conversation: first.conversation))
        }
        #expect(error?.kind == .notFound)
    }

    @Test func prompt_containsOnlyTheRequestingUsersData() async throws {
        let backend = RecordingBackend()
        let service = try Self.service(backend: backend)
        _ = try await service.respond(to: ChatRequest(user: "ana", message: "Plan my week", agent: "planner"))
        _ = try await service.respond(to: ChatRequest(user: "ben", message: "Plan my week", agent: "planner"))
        let anaPrompt = backend.calls[0].messages.map(\.content).joined(separator: "\n")
        let benPrompt = backend.calls[1].messages.map(\.content).joined(separator: "\n")
        #expect(anaPrompt.contains("injuries: left wrist"))
        #expect(!anaPrompt.contains("BEN-"))
        #expect(benPrompt.contains("BEN-SECRET-GOAL"))
        #expect(!benPrompt.contains("left wrist"))
        #expect(!benPrompt.contains("deload to 50-52.5 kg"))
        #expect(!benPrompt.contains("sleep 5.5 h"))
    }

    @Test func stream_yieldsMetaThenReviewedSentencesThenDone() async throws {
        let backend = RecordingBackend(reply: ["Rest today. ", "Sleep ", "8 h."])
        let service = try Self.service(backend: backend)
        var events: [ChatStreamEvent] = []
        for try await event in service.stream(ChatRequest(user: "ana", message: "Should I rest?", agent: "coach", stream: true)) {
            events.append(event)
        }
        #expect(events.map(\.name) == ["meta", "delta", "delta", "done"])
        guard case .meta(let meta) = events.first, case .done(let done) = events.last else {
            Issue.record("wrong event order")
            return
        }
        #expect(meta.agent == "coach")
        #expect(meta.routing.method == .explicit)
        #expect(done.reply == "Rest today. Sleep 8 h.")
        // Each sentence is held back until it is complete and reviewed.
        #expect(events.dropFirst().dropLast() == [.delta("Rest today."), .delta(" Sleep 8 h.")])
    }

    @Test func clientDroppingTheStream_abortsTheUpstreamRequestAndStoresNothing() async throws {
        let server = try FakeOpenAIServer { _, _ in .endlessSSE(intervalMs: 20) }
        defer { server.stop() }
        let conversations = MemoryConversations()
        let backend = OpenAIChatBackend(configuration: OpenAIBackendConfiguration(baseURL: server.baseURL, model: "m"))
        let service = try Self.service(backend: backend, conversations: conversations)
        let deltas = Counter()
        let client = Task {
            for try await event in service.stream(ChatRequest(user: "ana", message: "Talk to me", agent: "coach")) {
                if case .delta = event { deltas.increment() }
            }
        }
        // "tick tick ..." never completes a sentence, so nothing reaches the client; the upstream streams.
        #expect(await server.waitUntil { $0.requests.count == 1 })
        try await Task.sleep(for: .milliseconds(200))
        #expect(deltas.value == 0)
        client.cancel()
        #expect(await server.waitUntil { $0.clientDisconnects == 1 })
        _ = await client.result
        #expect(conversations.stored.isEmpty)
    }

    @Test func requestOverrides_temperatureSeedAndSmallerMaxTokens() async throws {
        let backend = RecordingBackend()
        let service = try Self.service(backend: backend)
        _ = try await service.respond(to: ChatRequest(user: "ana", message: "hi", agent: "coach", temperature: 0, seed: 3, maxTokens: 16))
        let options = try #require(backend.calls.first?.options)
        #expect(options == ChatOptions(temperature: 0, seed: 3, maxTokens: 16))
    }

    @Test func invalidRequests_are400WithAReason() async throws {
        let service = try Self.service(backend: RecordingBackend())
        for (request, fragment) in [
            (ChatRequest(user: "ana", message: "  "), "message is empty"),
            (ChatRequest(user: "a b", message: "hi"), "must be 1–64 characters"),
            // One user-id rule with the store (`UserID`): ids the store would refuse are refused here too.
            (ChatRequest(user: "ana@example.com", message: "hi"), "must be 1–64 characters"),
            (ChatRequest(user: "ana", message: "hi", temperature: 3), "temperature 3.0 is out of range"),
            (ChatRequest(user: "ana", message: "hi", agent: "doctor"), "unknown agent"),
        ] {
            let error = await #expect(throws: AgentsError.self) { _ = try await service.respond(to: request) }
            #expect(error?.kind == .invalidRequest)
            #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "") lacks \(fragment)")
        }
        let unknown = await #expect(throws: AgentsError.self) {
            _ = try await service.respond(to: ChatRequest(user: "zoe", message: "hi"))
        }
        #expect(unknown?.kind == .notFound)
    }

    @Test func backendFailures_mapToTheirCategories() async throws {
        for (error, kind) in [(LLMError(.overloaded, "busy", retryAfterSeconds: 9), AgentsError.Kind.overloaded),
                              (LLMError(.timedOut, "slow"), .timedOut), (LLMError(.upstream, "bad"), .upstream)] {
            let service = try Self.service(backend: FailingBackend(error: error))
            let thrown = await #expect(throws: AgentsError.self) {
                _ = try await service.respond(to: ChatRequest(user: "ana", message: "hi", agent: "coach"))
            }
            #expect(thrown?.kind == kind)
            if kind == .overloaded { #expect(thrown?.retryAfterSeconds == 9) }
        }
    }

    @Test func reload_swapsConfigurationForNewRequestsWithoutDroppingARunningOne() async throws {
        let url = try copyConfiguration()
        let backend = RecordingBackend(reply: ["ok"], gated: true)
        let service = try Self.service(backend: backend, url: url)
        let running = Task { try await service.respond(to: ChatRequest(user: "ana", message: "hi", agent: "coach")) }
        #expect(await waitUntil { backend.calls.count == 1 })

        try edit(url, replacing: "temperature: 0.9", with: "temperature: 0.7")
        try service.reload()
        #expect(service.configuration.agents["coach"]?.temperature == 0.7)
        backend.openGate()
        #expect(try await running.value.reply == "ok")
        #expect(backend.calls[0].options.temperature == 0.9)

        _ = try await service.respond(to: ChatRequest(user: "ana", message: "hi", agent: "coach"))
        #expect(backend.calls[1].options.temperature == 0.7)

        // A broken file is rejected and the running configuration stays.
        try edit(url, replacing: "temperature: 0.7", with: "temperature: 9")
        #expect(throws: AgentsError.self) { try service.reload() }
        #expect(service.configuration.agents["coach"]?.temperature == 0.7)
    }

    @Test func wireTypes_encodeWithSnakeCaseKeys() throws {
        let response = ChatResponse(
            conversation: "c1", agent: "coach",
            routing: RoutingDecision(agent: "coach", method: .fallback, score: 0, reason: "r"),
            reply: "hi", grounding: GroundingReport(facts: [], lastCheckIn: CheckInSummary(date: "d", sleepHours: 7)),
            citations: [Citation(id: "p", title: "t", snippet: "s", score: 1)],
            checks: [AnswerCheck(kind: "k", message: "m", corrected: false)],
            usage: Usage(promptTokens: 1, completionTokens: 2), timings: Timings(totalMs: 3, firstTokenMs: 1),
            model: "m", backend: "embedded")
        let json = String(decoding: try JSONEncoder().encode(response), as: UTF8.self)
        for key in ["\"prompt_tokens\"", "\"completion_tokens\"", "\"total_ms\"", "\"first_token_ms\"", "\"routing_ms\"",
                    "\"generation_ms\"", "\"context_ms\"", "\"last_check_in\"", "\"sleep_hours\"", "\"method\":\"fallback\""] {
            #expect(json.contains(key), "missing \(key) in \(json)")
        }
        let request = try JSONDecoder().decode(ChatRequest.self, from: Data(#"{"user":"u","message":"m","agent":"auto","max_tokens":5,"stream":true}"#.utf8))
        #expect(request.maxTokens == 5)
        #expect(request.stream == true)
    }
}
