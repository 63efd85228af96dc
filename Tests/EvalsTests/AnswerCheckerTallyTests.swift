import Foundation
import Testing
@testable import Evals

/// The run's console report counts the daemon's own answer-checker changes over all chat replies.
@Suite struct AnswerCheckerTallyTests {
    @Test func consoleReport_talliesTheCheckKindsOfEveryChatReply() async throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("evals-tally-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("evals"), withIntermediateDirectories: true)
        try "agents:\n  coach: {temperature: 0.9}\n".write(to: root.appendingPathComponent("agents.yaml"), atomically: true, encoding: .utf8)
        try """
            suite: tally
            defaults: {agent: coach}
            cases:
              - id: one
                message: I feel tired
                assert: [{type: icontains, value: rest}]
              - id: two
                message: I feel great
                assert: [{type: icontains, value: rest}]
            """.write(to: root.appendingPathComponent("evals/tally.yaml"), atomically: true, encoding: .utf8)
        let daemon = try FakeDaemon { body in
            let checks: [JSONValue] = (body["message"]?.stringValue ?? "").contains("tired")
                ? [.object(["kind": .string("load_not_grounded"), "message": .string("removed"), "corrected": .bool(true)]),
                   .object(["kind": .string("sentence_cap"), "message": .string("cut"), "corrected": .bool(true)])]
                : []
            return .object(["agent": .string("coach"), "reply": .string("Rest today."), "grounding": .object([:]), "checks": .array(checks)])
        }
        defer { daemon.stop() }
        var config = EvalSession.Configuration(repositoryRoot: root.path, dataDirectory: root.appendingPathComponent("data").path)
        config.socket = daemon.socket
        config.suitePaths = [root.appendingPathComponent("evals/tally.yaml").path]
        config.runner.progress = false
        config.printConsole = false
        let report = try await EvalSession(config).execute()
        #expect(report.consoleText().contains("answer checker: 2 changes over 2 chat replies (load_not_grounded 1, sentence_cap 1)"))
    }
}
