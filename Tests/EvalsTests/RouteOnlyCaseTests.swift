import Foundation
import Testing
@testable import Evals

/// Routing cases run as route-only requests: no scratch user, no generation.
@Suite struct RouteOnlyCaseTests {
    @Test func caseWithOnlyRoutedToAssertions_usesTheRouteEndpoint_andCreatesNoUser() async throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("evals-route-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("evals"), withIntermediateDirectories: true)
        try "agents:\n  coach: {temperature: 0.9}\n".write(to: root.appendingPathComponent("agents.yaml"), atomically: true, encoding: .utf8)
        try """
            suite: routing
            defaults: {agent: auto}
            cases:
              - id: tired
                message: I feel wrecked today
                assert: [{type: routed-to, value: coach}]
              - id: plan
                message: Plan my week
                assert: [{type: routed-to, value: planner}]
              - id: generated
                message: Plan my week
                assert: [{type: routed-to, value: planner}, {type: icontains, value: squat}]
            """.write(to: root.appendingPathComponent("evals/routing.yaml"), atomically: true, encoding: .utf8)
        let daemon = try FakeDaemon { method, path, body in
            switch (method, path) {
            case ("GET", "/v1/health"): return (200, .object(["status": .string("ok")]))
            case ("POST", "/v1/chat/route"):
                let agent = (body?["message"]?.stringValue ?? "").contains("Plan") ? "planner" : "coach"
                return (200, .object(["agent": .string(agent), "method": .string("similarity"), "score": .number(0.5), "reason": .string("test")]))
            case ("POST", "/v1/chat"):
                return (200, .object(["agent": .string("planner"), "reply": .string("Squat 3x5."), "grounding": .object([:])]))
            default: return (200, .object(["ok": .bool(true)]))
            }
        }
        defer { daemon.stop() }
        var config = EvalSession.Configuration(repositoryRoot: root.path, dataDirectory: root.appendingPathComponent("data").path)
        config.socket = daemon.socket
        config.suitePaths = [root.appendingPathComponent("evals/routing.yaml").path]
        config.runner.progress = false
        config.printConsole = false
        let report = try await EvalSession(config).execute()
        #expect(report.run.casePassed == ["routing/tired": true, "routing/plan": true, "routing/generated": true])
        let requests = daemon.requests.withLock { $0 }
        #expect(requests.filter { $0 == "POST /v1/chat/route" }.count == 2)
        #expect(requests.filter { $0 == "POST /v1/chat" }.count == 1, "only the case that checks the reply generates")
        #expect(requests.filter { $0.hasPrefix("PUT /v1/users/") }.count == 1)
    }
}
