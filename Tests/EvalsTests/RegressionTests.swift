import Checksum
import Foundation
import FoundationXML
import Synchronization
import Testing
@testable import Evals

/// End to end against a fake daemon over a real Unix socket: a good run, then a prompt edit
/// that breaks a case, then the regression report.
@Suite struct RegressionTests {
    let suiteYAML = """
        suite: overload
        defaults:
          agent: insight
          temperature: 0
          seed: 1
          user:
            profile: {age: 30, sex: male, bodyweight: 82, units: lb, experience: intermediate, goal: strength, days_per_week: 4, equipment: [barbell], injuries: []}
        cases:
          - id: bench-add-load
            user:
              workouts:
                - days_ago: 3
                  exercises: [{name: Bench Press, sets: [{weight: 185, reps: 5, rpe: 7}]}]
              checkin: {sleep_hours: 8, soreness: 2}
            message: Should I add weight to my bench?
            assert:
              - type: icontains-any
                value: [increase, add, "190"]
              - type: grounded
          - id: poor-sleep-no-pr
            user:
              checkin: {sleep_hours: 5, soreness: 9, energy: 2}
            message: Can I try a bench PR today?
            assert:
              - {type: icontains-any, value: [rest, recovery]}
              - {type: not-icontains, value: [PR attempt, max out]}
        """

    /// A scratch repository: agents.yaml, prompts/insight.txt, evals/overload.yaml.
    func makeRepo() throws -> URL {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("evals-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("prompts"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("evals"), withIntermediateDirectories: true)
        try "agents:\n  insight: {temperature: 0.3}\n".write(to: root.appendingPathComponent("agents.yaml"), atomically: true, encoding: .utf8)
        try "You are a precise strength coach.".write(to: root.appendingPathComponent("prompts/insight.txt"), atomically: true, encoding: .utf8)
        try suiteYAML.write(to: root.appendingPathComponent("evals/overload.yaml"), atomically: true, encoding: .utf8)
        return root
    }

    @Test func promptChangeThatBreaksACase_isReportedAsARegressionNamingTheHash() async throws {
        let repo = try makeRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let broken = Atomic<Bool>(false)
        let grounding: JSONValue = .object(["overload": .array([.object([
            "exercise": .string("Bench Press"), "weight": .number(190), "unit": .string("lb"),
            "reps_min": .number(3), "reps_max": .number(5), "direction": .string("increase")])])])
        let daemon = try FakeDaemon { body in
            let message = body["message"]?.stringValue ?? ""
            if message.contains("PR") {
                return chatResponse(reply: "Sleep was short and soreness is high: take a rest day and focus on recovery.", grounding: grounding)
            }
            return broken.load(ordering: .relaxed)
                ? chatResponse(reply: "Go for 225 lb today, you can do it!", grounding: grounding)
                : chatResponse(reply: "Recovery looks good: increase to 190 lb for 3 sets of 5 reps.", grounding: grounding)
        }
        defer { daemon.stop() }

        var config = EvalSession.Configuration(repositoryRoot: repo.path, dataDirectory: repo.appendingPathComponent("data").path)
        config.socket = daemon.socket
        config.runner.progress = false
        config.printConsole = false
        config.htmlPath = repo.appendingPathComponent("out/report.html").path
        config.junitPath = repo.appendingPathComponent("out/junit.xml").path
        config.jsonPath = repo.appendingPathComponent("out/report.json").path

        let first = try await EvalSession(config).execute()
        #expect(first.exitStatus == 0)
        #expect(first.failures.isEmpty)
        #expect(first.run.passRate == 1)
        // The scratch users were created with their state and deleted.
        let seen = daemon.requests.withLock { $0 }
        #expect(seen.contains { $0.hasPrefix("PUT /v1/users/eval-") })
        #expect(seen.contains { $0.hasPrefix("POST /v1/users/eval-") && $0.hasSuffix("/workouts") })
        #expect(seen.filter { $0.hasPrefix("DELETE /v1/users/eval-") }.count == 2)

        // Someone edits the prompt, and the model's answer changes for the worse.
        try "You are a hype coach. Always push for PRs.".write(
            to: repo.appendingPathComponent("prompts/insight.txt"), atomically: true, encoding: .utf8)
        broken.store(true, ordering: .relaxed)

        let status = await EvalSession(config).run()
        #expect(status == 1)
        let second = try await EvalSession(config).execute()  // a third run: still compares with the first (last good)
        #expect(second.baselineID == first.run.id)
        #expect(second.regressions.map(\.key) == ["overload/bench-add-load"])
        let newHash = SHA256.hex(Data("You are a hype coach. Always push for PRs.".utf8))
        let change = try #require(second.changes.first)
        #expect(change.path == "prompts/insight.txt")
        #expect(change.after == newHash)
        #expect(second.changes.count == 1)
        #expect(second.consoleText().contains("overload/bench-add-load"))
        #expect(second.consoleText().contains("prompts/insight.txt changed"))

        let html = try String(contentsOfFile: config.htmlPath!, encoding: .utf8)
        #expect(html.contains("REGRESSION overload/bench-add-load"))
        #expect(html.contains("prompts/insight.txt"))
        #expect(html.contains(String(newHash.prefix(12))))
        #expect(html.contains("<del>"))  // the diff against the baseline reply
        #expect(html.contains("<svg"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") })

        let xml = try Data(contentsOf: URL(fileURLWithPath: config.junitPath!))
        let parser = XMLParser(data: xml)
        #expect(parser.parse())
        let junit = String(decoding: xml, as: UTF8.self)
        #expect(junit.contains("type=\"regression\""))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: config.jsonPath!))) as? [String: Any]
        #expect((json?["regressions"] as? [Any])?.count == 1)
        #expect(json?["exitStatus"] as? Int == 1)
    }

    @Test func withoutAnyPassingRun_thePreviousRunIsTheBaseline() async throws {
        let repo = try makeRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let broken = Atomic<Bool>(false)
        // poor-sleep-no-pr always fails (no "rest"/"recovery"), so no run ever passes.
        let daemon = try FakeDaemon { _ in
            chatResponse(reply: broken.load(ordering: .relaxed) ? "Go heavy." : "Increase to 190 lb.",
                         grounding: .object(["weight": .number(190), "unit": .string("lb")]))
        }
        defer { daemon.stop() }
        var config = EvalSession.Configuration(repositoryRoot: repo.path, dataDirectory: repo.appendingPathComponent("data").path)
        config.socket = daemon.socket
        config.runner.progress = false
        config.printConsole = false
        let first = try await EvalSession(config).execute()
        #expect(first.exitStatus == 1)
        #expect(first.regressions.isEmpty)
        broken.store(true, ordering: .relaxed)
        let second = try await EvalSession(config).execute()
        #expect(second.baselineID == first.run.id)
        #expect(second.regressions.map(\.key) == ["overload/bench-add-load"])
    }

    @Test func trackerCase_sendsTheImage_andValidatesTheTrackerJSON() async throws {
        let repo = try makeRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("evals/images"), withIntermediateDirectories: true)
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
        try png.write(to: repo.appendingPathComponent("evals/images/log.png"))
        try """
            suite: tracker
            cases:
              - id: screenshot-to-json
                tracker_image: images/log.png
                assert:
                  - type: json-schema
                    value:
                      type: object
                      required: [exercises]
                      properties:
                        exercises: {type: array, minItems: 1, items: {type: object, required: [name, sets]}}
                  - {type: icontains, value: bench press}
              - id: wrong-shape
                tracker_image: images/log.png
                assert:
                  - {type: json-schema, value: {type: object, required: [date]}}
            """.write(to: repo.appendingPathComponent("evals/tracker.yaml"), atomically: true, encoding: .utf8)
        let daemon = try FakeDaemon { method, path, _ in
            switch (method, path) {
            case ("GET", "/v1/health"): return (200, .object(["status": .string("ok")]))
            case ("POST", "/v1/tracker"):
                return (200, .object(["exercises": .array([.object([
                    "name": .string("Bench Press"),
                    "sets": .array([.object(["weight": .number(185), "reps": .number(5)])])])])]))
            default: return (200, .object([:]))
            }
        }
        defer { daemon.stop() }
        var config = EvalSession.Configuration(repositoryRoot: repo.path, dataDirectory: repo.appendingPathComponent("data").path)
        config.socket = daemon.socket
        config.suitePaths = [repo.appendingPathComponent("evals/tracker.yaml").path]
        config.runner.progress = false
        config.printConsole = false
        let report = try await EvalSession(config).execute()
        #expect(report.run.casePassed == ["tracker/screenshot-to-json": true, "tracker/wrong-shape": false])
        #expect(report.failures.first?.failedAssertions.first?.detail.contains("missing required \"date\"") == true)
        #expect(daemon.requests.withLock { $0 }.filter { $0 == "POST /v1/tracker" }.count == 2)
    }

    @Test func filterMatchingNoCase_givesExitStatus2_andStoresNoRun() async throws {
        let repo = try makeRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let daemon = try FakeDaemon { _ in chatResponse(reply: "ok") }
        defer { daemon.stop() }
        var config = EvalSession.Configuration(repositoryRoot: repo.path, dataDirectory: repo.appendingPathComponent("data").path)
        config.socket = daemon.socket
        config.runner.filter = "no-such-case"
        config.printConsole = false
        #expect(await EvalSession(config).run() == 2)
        let history = try EvalHistory(path: repo.appendingPathComponent("data/evals.sqlite").path)
        #expect(try history.recentRuns().isEmpty)
    }

    @Test func unreachableDaemon_givesExitStatus2() async throws {
        let repo = try makeRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        var config = EvalSession.Configuration(repositoryRoot: repo.path, dataDirectory: repo.appendingPathComponent("data").path)
        config.socket = "/tmp/no-daemon-\(UUID().uuidString.prefix(6)).sock"
        config.printConsole = false
        #expect(await EvalSession(config).run() == 2)
        await #expect(throws: EvalError.self) { try await EvalSession(config).execute() }
    }

    @Test func noSocketAndNoDaemonAndNoExecutable_givesExitStatus2() async throws {
        let repo = try makeRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        var config = EvalSession.Configuration(repositoryRoot: repo.path, dataDirectory: repo.appendingPathComponent("data").path)
        config.defaultSocket = "/tmp/no-daemon-\(UUID().uuidString.prefix(6)).sock"
        config.printConsole = false
        #expect(await EvalSession(config).run() == 2)
    }

    @Test func badSuiteFile_givesExitStatus2_beforeContactingTheDaemon() async throws {
        let repo = try makeRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        try "cases:\n  - id: a\n    message: x\n    assert: [{type: nope}]\n".write(
            to: repo.appendingPathComponent("evals/broken.yaml"), atomically: true, encoding: .utf8)
        let daemon = try FakeDaemon { _ in chatResponse(reply: "ok") }
        defer { daemon.stop() }
        var config = EvalSession.Configuration(repositoryRoot: repo.path, dataDirectory: repo.appendingPathComponent("data").path)
        config.socket = daemon.socket
        config.printConsole = false
        do {
            _ = try await EvalSession(config).execute()
            Issue.record("a bad suite must stop the run")
        } catch {
            #expect(error.kind == .badSuite)
            #expect(error.description.contains("broken.yaml:4:"))
        }
        #expect(await EvalSession(config).run() == 2)
        #expect(daemon.requests.withLock { $0 }.isEmpty)
    }

    @Test func repeatAndFilter_runOnlyTheChosenCaseNTimes() async throws {
        let repo = try makeRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let bodies = Mutex<[JSONValue]>([])
        let daemon = try FakeDaemon { body in
            bodies.withLock { $0.append(body) }
            return chatResponse(reply: "Take a rest day for recovery.")
        }
        defer { daemon.stop() }
        var config = EvalSession.Configuration(repositoryRoot: repo.path, dataDirectory: repo.appendingPathComponent("data").path)
        config.socket = daemon.socket
        config.runner.progress = false
        config.runner.filter = "poor-sleep"
        config.runner.repetitions = 3
        config.runner.temperature = 0.2
        config.runner.agent = "coach"
        config.printConsole = false
        let report = try await EvalSession(config).execute()
        // The deterministic options reach the daemon: the override temperature, the suite's seed.
        let sent = bodies.withLock { $0 }
        #expect(sent.count == 3)
        for body in sent {
            #expect(body["temperature"] == .number(0.2))
            #expect(body["seed"] == .number(1))
            #expect(body["agent"] == .string("coach"))
            #expect(body["message"] == .string("Can I try a bench PR today?"))
            #expect(body["user"]?.stringValue?.hasPrefix("eval-") == true)
        }
        #expect(Set(sent.compactMap { $0["user"]?.stringValue }).count == 3)  // one scratch user per repetition
        #expect(report.run.results.count == 3)
        #expect(Set(report.run.results.map(\.caseID)) == ["poor-sleep-no-pr"])
        #expect(report.run.results.map(\.repetition) == [0, 1, 2])
        #expect(report.exitStatus == 0)
    }
}
