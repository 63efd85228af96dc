import Agents
import ArgumentParser
import Foundation
import HTTPClient
import Knowledge
import Logging
import Server
import SpotterApp
import Store

/// The chat benchmark: a private daemon assembled exactly as `spotter serve` does (agents.yaml,
/// embedded SmolLM2, knowledge index, MiniLM router), driven through its Unix socket.
///
/// - daemon overhead per chat request excluding generation: the response's `timings`
///   (`total_ms − generation_ms`: validation, routing, user context, passages, prompt assembly,
///   answer check and storing the turn), and the same seen by the client (socket round trip −
///   generation), p50/p99 over `requests` non-streamed chats of 16 tokens;
/// - time to first token (client-side, streamed) and decode tokens/s, over streamed chats of
///   64 tokens;
/// - per agent (insight, planner, coach): the first request ("cold"), then — after the agents'
///   static prefixes are pinned in the KV cache (`ChatService.warmAgentPrefixes()`) — alternating
///   agents ("warm"): time to first token, whole reply time and tokens/s, with the prompt token
///   counts, and the process's resident memory before and after (the daemon runs in-process).
///
/// Run from the repository root (it reads `agents.yaml`, `knowledge/`, `models/`).
enum ChatBench {
    static let messages = [
        "Why is my bench press stalling?", "Plan my workout for today.", "I don't feel like training today.",
        "How heavy should I squat next session?", "Is my sleep affecting my lifts?", "Give me some encouragement.",
    ]

    static func run(requests: Int, streamed: Int) async throws {
        var template = Array("/tmp/spt-chatbench-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw ServerError("cannot create a temporary directory") }
        let dir = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let configuration = ServerConfiguration(socketPath: dir + "/s.sock", dataDirectory: URL(fileURLWithPath: dir + "/data"),
                                                handlesSignals: false, logLevel: .critical)
        var logger = Logger(label: "spotter.bench")
        logger.logLevel = .critical
        let store = try SpotterStore.open(directory: configuration.dataDirectory)
        // As `spotter serve` assembles it, but without the background prefix warm-up: the bench
        // measures cold requests first, then pins the prefixes itself (`measureAgents`).
        let services = try assemble(store: store, options: AssemblyOptions(
            resources: SpotterResources(knowledgeDirectory: URL(fileURLWithPath: "knowledge"),
                                        modelsDirectory: URL(fileURLWithPath: "models"),
                                        agentsFile: URL(fileURLWithPath: "agents.yaml")),
            dataDirectory: configuration.dataDirectory, warmsAgentPrefixes: false), logger: logger)
        let server = SpotterServer(configuration: configuration, context: ServerContext(services: services), logger: logger)
        let socket = configuration.socketPath
        let index = services.knowledge
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let started = ContinuousClock.now
            _ = try await index?.value(within: .seconds(900))
            print(String(format: "knowledge index ready after %.1f s", seconds(ContinuousClock.now - started)))
            try await seed(store)
            try await measureAgents(socket: socket, chat: services.chat)
            try await measure(socket: socket, requests: requests, streamed: streamed)
            group.cancelAll()
        }
    }

    static func seed(_ store: SpotterStore) async throws {
        _ = try await store.saveUser(UserProfile(id: "bench", age: 30, bodyweightKg: 80, units: .kg, experience: .intermediate, goal: .strength, daysPerWeek: 4))
        for day in 0..<5 {
            _ = try await store.saveWorkout(NewWorkout(title: "Session \(day)", startedAt: Date(timeIntervalSince1970: 1_763_000_000 + Double(day) * 172_800), exercises: [
                WorkoutExercise(name: "Bench Press (Barbell)", sets: (0..<3).map { _ in WorkoutSet(weightKg: 80 + Double(day) * 2.5, reps: 5, rpe: 8) }),
                WorkoutExercise(name: "Squat (Barbell)", sets: (0..<3).map { _ in WorkoutSet(weightKg: 110 + Double(day) * 2.5, reps: 5, rpe: 8.5) }),
            ]), user: "bench")
        }
        _ = try await store.saveCheckin(CheckIn(day: UTCDay("2025-11-20")!, sleepHours: 6.5, soreness: 4, energy: 6, stress: 5), user: "bench")
    }

    static func measure(socket: String, requests: Int, streamed: Int) async throws {
        var serverOverhead: [Double] = []
        var clientOverhead: [Double] = []
        for i in 0..<(requests + 2) {
            let body: [String: Any] = ["user": "bench", "message": messages[i % messages.count], "max_tokens": 16, "temperature": 0]
            let t0 = ContinuousClock.now
            let r = try await CurlHTTPClient().send(HTTPRequest(method: "POST", url: "http://localhost/v1/chat", headers: [("Content-Type", "application/json")],
                                                                body: try JSONSerialization.data(withJSONObject: body), unixSocket: socket, totalTimeout: .seconds(600)))
            let wall = seconds(ContinuousClock.now - t0) * 1000
            guard r.status == 200 else { throw ServerError("POST /v1/chat answered \(r.status): \(r.text)") }
            let answer = try JSONDecoder().decode(ChatResponse.self, from: r.body)
            if i < 2 { continue }   // warm-up
            serverOverhead.append(answer.timings.totalMs - answer.timings.generationMs)
            clientOverhead.append(wall - answer.timings.generationMs)
        }
        print(line("overhead (server: total − generation)", serverOverhead, "ms"))
        print(line("overhead (client round trip − generation)", clientOverhead, "ms"))

        var firstToken: [Double] = []
        var decodeRate: [Double] = []
        for i in 0..<streamed {
            let request = ChatRequest(user: "bench", message: messages[i % messages.count], stream: true, temperature: 0, maxTokens: 64)
            let t0 = ContinuousClock.now
            var first: ContinuousClock.Instant?
            var last = t0
            var deltas = 0
            var done: ChatDone?
            for try await event in ChatCommand.stream(request, socket: socket) {
                switch event.event {
                case "delta":
                    if first == nil { first = ContinuousClock.now }
                    deltas += 1
                    last = ContinuousClock.now
                case "done": done = try JSONDecoder().decode(ChatDone.self, from: Data(event.data.utf8))
                default: break
                }
            }
            guard let first, let done else { continue }
            firstToken.append(seconds(first - t0) * 1000)
            // Tokens after the first, over the time between the first and the last delta.
            let span = seconds(last - first)
            if done.usage.completionTokens > 1, span > 0 { decodeRate.append(Double(done.usage.completionTokens - 1) / span) }
        }
        print(line("time to first token (client, streamed)", firstToken, "ms"))
        print(line("decode speed (client, streamed)", decodeRate, "tok/s"))
    }

    /// One streamed chat: time to first token, whole reply, decode tokens/s, prompt tokens.
    struct Streamed {
        var firstToken: Double
        var total: Double
        var decodeRate: Double?
        var promptTokens: Int
    }

    static func streamOnce(socket: String, agent: String, message: String, maxTokens: Int) async throws -> Streamed? {
        let request = ChatRequest(user: "bench", message: message, agent: agent, stream: true, temperature: 0, maxTokens: maxTokens)
        let t0 = ContinuousClock.now
        var first: ContinuousClock.Instant?
        var last = t0
        var done: ChatDone?
        for try await event in ChatCommand.stream(request, socket: socket) {
            switch event.event {
            case "delta":
                if first == nil { first = ContinuousClock.now }
                last = ContinuousClock.now
            case "done": done = try JSONDecoder().decode(ChatDone.self, from: Data(event.data.utf8))
            default: break
            }
        }
        guard let first, let done else { return nil }
        let span = seconds(last - first)
        return Streamed(firstToken: seconds(first - t0) * 1000, total: seconds(ContinuousClock.now - t0) * 1000,
                        decodeRate: done.usage.completionTokens > 1 && span > 0 ? Double(done.usage.completionTokens - 1) / span : nil,
                        promptTokens: done.usage.promptTokens)
    }

    static func measureAgents(socket: String, chat: ChatService?) async throws {
        let agents = ["insight", "planner", "coach"]
        print(String(format: "resident memory before chats: %.1f MB", EngineBench.residentMegabytes()))
        for (i, agent) in agents.enumerated() {
            guard let r = try await streamOnce(socket: socket, agent: agent, message: messages[i], maxTokens: 64) else { continue }
            print(String(format: "cold  %-8@ first token %7.0f ms   whole reply %7.0f ms   prompt %4d tokens", agent as NSString,
                         r.firstToken, r.total, r.promptTokens))
        }
        if let chat {
            let started = ContinuousClock.now
            for outcome in await chat.warmAgentPrefixes() {
                print("prefix \(outcome.agent): \(outcome.tokens.map { "\($0) tokens" } ?? "not cached: \(outcome.error ?? "?")")")
            }
            print(String(format: "agent prefixes pinned in %.1f s; resident memory %.1f MB", seconds(ContinuousClock.now - started),
                         EngineBench.residentMegabytes()))
        }
        var firstToken: [Double] = [], total: [Double] = [], rates: [Double] = [], prompts: [String: Int] = [:]
        for round in 0..<3 {
            for (i, agent) in agents.enumerated() {
                let message = messages[(round * agents.count + i + 3) % messages.count] + " (round \(round + 1))"
                guard let r = try await streamOnce(socket: socket, agent: agent, message: message, maxTokens: 96) else { continue }
                firstToken.append(r.firstToken)
                total.append(r.total)
                if let rate = r.decodeRate { rates.append(rate) }
                prompts[agent] = r.promptTokens
            }
        }
        print(line("warm, alternating agents: first token", firstToken, "ms"))
        print(line("warm, alternating agents: whole reply (≤96)", total, "ms"))
        print(line("warm, alternating agents: decode", rates, "tok/s"))
        print("prompt tokens: " + agents.compactMap { a in prompts[a].map { "\(a) \($0)" } }.joined(separator: ", "))
        print(String(format: "resident memory after chats: %.1f MB", EngineBench.residentMegabytes()))
    }

    static func line(_ name: String, _ values: [Double], _ unit: String) -> String {
        let sorted = values.sorted()
        func pct(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            return sorted[max(0, min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))]
        }
        return name.padding(toLength: 44, withPad: " ", startingAt: 0)
            + String(format: "n=%-4d p50 %8.2f %@   p99 %8.2f %@", sorted.count, pct(50), unit, pct(99), unit)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
