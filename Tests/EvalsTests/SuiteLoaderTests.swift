import Foundation
import SpotterTestSupport
import Testing
@testable import Evals

@Suite struct SuiteLoaderTests {
    func parseError(_ yaml: String) -> EvalError? {
        do { _ = try SuiteLoader().parse(yaml, file: "evals/x.yaml"); return nil } catch { return error }
    }

    @Test func validSuite_appliesDefaultsAndResolvesDaysAgo() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let suite = try SuiteLoader(now: now).parse("""
            suite: insight
            defaults:
              agent: insight
              temperature: 0
              seed: 7
              min_pass_rate: 0.8
              user:
                profile: {age: 30, units: lb}
            cases:
              - id: bench-up
                user:
                  workouts:
                    - days_ago: 2
                      exercises: [{name: Bench Press, sets: [{weight: 185, reps: 5, rpe: 7}]}]
                  checkin: {sleep_hours: 8, soreness: 2}
                message: Should I go up on bench?
                assert:
                  - type: icontains-any
                    value: [increase, "190"]
                    weight: 2
                  - {type: not-icontains, value: deload, not: false}
              - id: routed
                agent: coach
                message: hi
                threshold: 0.5
                assert: [{type: routed-to, value: coach}]
            """, file: "evals/insight.yaml")
        #expect(suite.name == "insight")
        #expect(suite.minPassRate == 0.8)
        #expect(suite.cases.count == 2)
        let c = suite.cases[0]
        #expect(c.agent == "insight")
        #expect(c.seed == 7)
        #expect(c.temperature == 0)
        #expect(c.line == 10)
        #expect(c.user.profile?["age"] == .number(30))
        #expect(c.user.workouts.first?["started_at"] == .string(ISO8601DateFormatter().string(from: now.addingTimeInterval(-2 * 86_400))))
        #expect(c.user.workouts.first?["days_ago"] == nil)
        #expect(c.assertions[0].weight == 2)
        #expect(c.assertions[0].value == .array([.string("increase"), .string("190")]))
        #expect(suite.cases[1].agent == "coach")
        #expect(suite.cases[1].threshold == 0.5)
    }

    @Test func unknownAssertionType_namesFileAndLine() throws {
        let e = try #require(parseError("""
            cases:
              - id: a
                message: hi
                assert:
                  - type: contains
                    value: x
                  - type: icontain
                    value: y
            """))
        #expect(e.file == "evals/x.yaml")
        #expect(e.line == 7)
        #expect(e.description.hasPrefix("evals/x.yaml:7:"))
        #expect(e.message.contains("icontain"))
    }

    @Test func yamlSyntaxError_namesTheLine() throws {
        let e = try #require(parseError("cases:\n  - id: a\n    message: [unclosed\n    assert: []\n"))
        #expect(e.kind == .badSuite)
        #expect(e.line != nil)
        #expect(e.description.hasPrefix("evals/x.yaml:"))
    }

    @Test func missingMessage_andDuplicateIds_areReportedAtTheCase() throws {
        let missing = try #require(parseError("cases:\n  - id: a\n    assert: [{type: grounded}]\n"))
        #expect(missing.line == 2)
        #expect(missing.message.contains("neither"))
        let dup = try #require(parseError("""
            cases:
              - id: a
                message: x
                assert: [{type: grounded}]
              - id: a
                message: y
                assert: [{type: grounded}]
            """))
        #expect(dup.line == 5)
        #expect(dup.message.contains("duplicate"))
    }

    @Test func badValues_areRejectedWithTheirLine() throws {
        let agent = try #require(parseError("cases:\n  - id: a\n    message: x\n    agent: trainer\n    assert: [{type: grounded}]\n"))
        #expect(agent.line == 4)
        let regex = try #require(parseError("cases:\n  - id: a\n    message: x\n    assert:\n      - type: regex\n        value: \"([\"\n"))
        #expect(regex.line == 6)
        let unknownKey = try #require(parseError("cases:\n  - id: a\n    mesage: x\n    assert: [{type: grounded}]\n"))
        #expect(unknownKey.line == 3)
        #expect(unknownKey.message.contains("mesage"))
    }

    @Test func projectSuites_allLoad() throws {
        let root = repositoryRoot()
        let files = EvalSession.discoverSuites(in: root.appendingPathComponent("evals").path).suites
        #expect(files.count >= 4)
        var cases = 0
        for f in files {
            let s = try SuiteLoader().load(path: f)
            cases += s.cases.count
        }
        #expect(cases >= 45)
    }

    @Test func discovery_skipsOtherToolsEvaluationFiles() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("disc-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "k: 5\nqueries:\n  - {query: squat, expected: [barbell-back-squat]}\n".write(
            to: dir.appendingPathComponent("retrieval.yaml"), atomically: true, encoding: .utf8)
        try "cases:\n  - {id: a, message: hi, assert: [{type: grounded}]}\n".write(
            to: dir.appendingPathComponent("coach.yaml"), atomically: true, encoding: .utf8)
        try "cases: [unclosed\n".write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let found = EvalSession.discoverSuites(in: dir.path)
        #expect(found.suites.map { URL(fileURLWithPath: $0).lastPathComponent } == ["broken.yaml", "coach.yaml"])
        #expect(found.skipped.map { URL(fileURLWithPath: $0).lastPathComponent } == ["retrieval.yaml"])
    }
}

