import Agents
import Foundation
import HTTPClient
import Knowledge
import LanguageModel
import LLM
import Logging
import SpotterTestSupport
import Store
import Testing
@testable import Server
@testable import SpotterApp

/// The Planner's structured session through the daemon: assembled by `assemble`, with a scripted
/// chat backend (the plan does not depend on the language model), on a real Unix socket.
/// A plan comes back on `/v1/chat`, the streamed `meta` event and `/v1/chat/completions`,
/// validates against `schemas/session-plan.schema.json`, and once performed and logged back with
/// `POST /v1/users/{user}/workouts`, the next overload suggestion and the next plan progress from it.
@Suite(.serialized) struct SessionPlanEndToEndTests {
    @Test func plan_isReturnedValid_loggedBack_andTheNextSuggestionSeesIt() async throws {
        try await withAssembledDaemon { client in
            let now = Date()
            _ = try await client.json("PUT", "/v1/users/pia", ["units": "kg", "experience": "intermediate", "goal": "hypertrophy",
                                                                "equipment": ["barbell", "dumbbells"]])
            for d in [9, 6, 3] {   // three easy squat sessions at the top of the range
                let r = try await client.json("POST", "/v1/users/pia/workouts", [
                    "title": "Legs", "started_at": ISO8601DateFormatter().string(from: now.addingTimeInterval(-Double(d) * 86_400)),
                    "exercises": [["name": "Squat (Barbell)", "sets": Array(repeating: ["weight": 100, "reps": 12, "rpe": 7], count: 4)]],
                ])
                #expect(r.status == 201, "\(r.text)")
            }
            let before = try await client.send("GET", "/v1/users/pia/overload/Squat%20(Barbell)").object

            // The plan.
            let reply = try await client.json("POST", "/v1/chat", ["user": "pia", "agent": "planner",
                                                                   "message": "Plan a 45-minute leg day workout"])
            #expect(reply.status == 200, "\(reply.text)")
            let planObject = try #require(reply.object["plan"] as? [String: Any], "no plan in \(reply.text)")
            try validateAgainstSchema(planObject)
            let plan = try JSONDecoder().decode(SessionPlan.self, from: JSONSerialization.data(withJSONObject: planObject))
            #expect(plan.minutes == 45 && plan.estimatedMinutes <= 45)
            let squat = try #require(plan.exercises.first { $0.name == "Squat (Barbell)" }, "\(plan.exercises.map(\.name))")
            #expect(squat.basis == "history" && squat.direction == "increase")
            #expect(squat.load == (before["weight"] as? NSNumber)?.doubleValue)
            #expect(squat.sets == 4)
            // Every new exercise's name is what the workout matcher resolves to its id.
            let matcher = KnowledgeNameResolver(matcher: try ExerciseNameMatcher(knowledgeBase: testKnowledgeBase))
            for e in plan.exercises where e.basis == "start" { #expect(matcher.resolve(e.name)?.id == e.id, "\(e.name)") }

            // Performed as planned (new exercises at 20 kg) and logged back by the plan's names.
            let performed: [[String: Any]] = plan.exercises.map { e in
                ["name": e.name, "sets": Array(repeating: ["weight": e.load ?? 20, "reps": e.targetReps, "rpe": 7], count: e.sets)]
            }
            let logged = try await client.json("POST", "/v1/users/pia/workouts", [
                "title": "Legs", "started_at": ISO8601DateFormatter().string(from: now.addingTimeInterval(-3600)), "exercises": performed])
            #expect(logged.status == 201, "\(logged.text)")

            let after = try await client.send("GET", "/v1/users/pia/overload/Squat%20(Barbell)").object
            let features = try #require(after["features"] as? [String: Any])
            #expect((features["sessions"] as? NSNumber)?.intValue == 4)
            #expect((features["last_top_set_weight"] as? NSNumber)?.doubleValue == squat.load)
            // The next plan doses every exercise just logged from its history.
            let next = try await client.json("POST", "/v1/chat", ["user": "pia", "agent": "planner", "message": "Plan a 45-minute leg day workout"])
            let nextPlan = try JSONDecoder().decode(SessionPlan.self, from: JSONSerialization.data(
                withJSONObject: try #require(next.object["plan"] as? [String: Any])))
            for e in nextPlan.exercises where plan.exercises.contains(where: { $0.name == e.name }) {
                #expect(e.basis == "history", "\(e.name) was logged but planned as new")
            }
        }
    }

    @Test func plan_onlyForThePlannerAskingForASession_andOnEveryChatShape() async throws {
        try await withAssembledDaemon { client in
            _ = try await client.json("PUT", "/v1/users/ola", ["units": "lb", "equipment": ["dumbbells"], "injuries": ["knee"]])
            let question = try await client.json("POST", "/v1/chat", ["user": "ola", "agent": "planner", "message": "Why do deloads help?"])
            #expect(question.status == 200 && question.object["plan"] == nil)
            let coach = try await client.json("POST", "/v1/chat", ["user": "ola", "agent": "coach", "message": "Plan my workout for today"])
            #expect(coach.status == 200 && coach.object["plan"] == nil)

            let completion = try await client.json("POST", "/v1/chat/completions", [
                "model": "planner", "user": "ola", "messages": [["role": "user", "content": "a 30 minute dumbbell-only session"]]])
            #expect(completion.status == 200, "\(completion.text)")
            let plan = try #require(completion.object["plan"] as? [String: Any])
            try validateAgainstSchema(plan)
            #expect(plan["unit"] as? String == "lb" && plan["avoid"] as? [String] == ["knee"])
            #expect((completion.object["spotter"] as? [String: Any])?["plan"] != nil)

            let streamed = try await client.send("POST", "/v1/chat", body: try JSONSerialization.data(withJSONObject: [
                "user": "ola", "agent": "planner", "message": "Plan my workout for today", "stream": true]))
            var parser = ServerSentEventParser()
            let events = parser.feed(streamed.body)
            let meta = try #require(events.first { $0.event == "meta" })
            let metaPlan = try #require((try JSONSerialization.jsonObject(with: Data(meta.data.utf8)) as? [String: Any])?["plan"] as? [String: Any])
            try validateAgainstSchema(metaPlan)
        }
    }
}

/// Validates `object` against `schemas/session-plan.schema.json` with python3's `jsonschema`
/// (Draft 2020-12); records the violations as test issues.
func validateAgainstSchema(_ object: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let instance = dir.appendingPathComponent("plan.json")
    try JSONSerialization.data(withJSONObject: object).write(to: instance)
    let schema = repositoryRoot().appendingPathComponent("schemas/session-plan.schema.json").path
    let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1])); instance = json.load(open(sys.argv[2]))
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(instance)]
        print("\\n".join(errors)); sys.exit(1 if errors else 0)
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, schema, instance.path]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "plan does not match the schema (python3 jsonschema): \(text)", sourceLocation: sourceLocation)
}

/// A chat backend that always answers the same sentence (a test double: plans do not depend on it).
struct FixedReplyBackend: ChatBackend {
    var kind: String { "scripted" }
    var model: String { "fixed-reply" }
    var contextLength: Int? { 4096 }
    func stream(_ messages: [LanguageModel.ChatMessage], options: ChatOptions) -> AsyncThrowingStream<ChatBackendEvent, Error> {
        AsyncThrowingStream { c in
            c.yield(.delta("Here is your session."))
            c.yield(.finished(Usage(promptTokens: 10, completionTokens: 5), finishReason: "stop"))
            c.finish()
        }
    }
}

/// A daemon assembled the production way around `backend` (default `FixedReplyBackend`), on a
/// fresh socket; the knowledge index is not built (workout names stay as written), the tracker is off.
func withAssembledDaemon(backend: any ChatBackend = FixedReplyBackend(),
                         _ body: @escaping @Sendable (SocketClient) async throws -> Void) async throws {
    let dir = try makeShortTemporaryDirectory(prefix: "spp")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let configuration = ServerConfiguration(socketPath: dir + "/s.sock", dataDirectory: URL(fileURLWithPath: dir + "/data"),
                                            handlesSignals: false, logLevel: .critical)
    let store = try SpotterStore.open(directory: configuration.dataDirectory)
    let options = AssemblyOptions(resources: SpotterResources(root: repositoryRoot()), dataDirectory: configuration.dataDirectory,
                                  disabled: [.tracker], chatBackend: backend, buildsKnowledgeIndex: false,
                                  warmsAgentPrefixes: false)
    var logger = Logger(label: "spotter.test")
    logger.logLevel = .critical
    let services = try assemble(store: store, options: options, logger: logger)
    let server = SpotterServer(configuration: configuration, context: ServerContext(services: services), services: [])
    let client = SocketClient(socket: configuration.socketPath)
    try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask { try await server.run(); return false }
        group.addTask {
            try await client.waitUntilHealthy()
            try await body(client)
            return true
        }
        while let done = try await group.next() { if done { group.cancelAll() } }
    }
}
