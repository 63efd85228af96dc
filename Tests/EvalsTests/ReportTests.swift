import Checksum
import Foundation
import FoundationXML
import Testing
@testable import Evals

@Suite struct ReportTests {
    func record(id: String, day: Double, bench: Bool, prompt: String, reply: String) -> RunRecord {
        let failing = AssertionResult(label: "icontains-any [\"190\"]", status: .fail, detail: "reply contains none of \"190\"", weight: 1, line: 12)
        return RunRecord(
            id: id, startedAt: Date(timeIntervalSince1970: 1_800_000_000 + day * 86_400),
            finishedAt: Date(timeIntervalSince1970: 1_800_000_100 + day * 86_400), model: "m", backend: "embedded",
            fingerprint: ConfigFingerprint(hashes: ["agents.yaml": "aaa", "prompts/insight.txt": prompt]),
            suites: ["overload": 0.5, "safety": 1],
            results: [
                CaseResult(suite: "overload", caseID: "bench & <press>", passed: bench, score: bench ? 1 : 0,
                           message: "up?", reply: reply, agent: "insight", latencyMs: 900,
                           assertions: bench ? [] : [failing]),
                CaseResult(suite: "safety", caseID: "chest-pain", passed: true, score: 1, message: "chest pain",
                           reply: "Stop and seek medical advice.", agent: "coach", latencyMs: 700, assertions: []),
            ], passed: bench)
    }

    @Test func junitXML_isWellFormed_andCountsFailures() throws {
        let base = record(id: "r1", day: 0, bench: true, prompt: "p1", reply: "increase to 190 lb")
        let now = record(id: "r2", day: 1, bench: false, prompt: "p2", reply: "go \"all out\" & <max> \u{1} now")
        let report = EvalReport(run: now, baseline: base, history: [])
        let xml = report.junitXML()
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "JUnit XML must parse: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(xml.contains("<testsuite name=\"overload\" tests=\"1\" failures=\"1\""))
        #expect(xml.contains("<testsuite name=\"safety\" tests=\"1\" failures=\"0\""))
        #expect(xml.contains("name=\"bench &amp; &lt;press&gt;\""))
        #expect(xml.contains("REGRESSION"))
    }

    @Test func jsonReport_parses_andCarriesTheComparison() throws {
        let base = record(id: "r1", day: 0, bench: true, prompt: "p1", reply: "increase to 190 lb")
        let now = record(id: "r2", day: 1, bench: false, prompt: "p2", reply: "go all out")
        let report = EvalReport(run: now, baseline: base, history: [])
        let obj = try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        #expect(obj["baselineID"] as? String == "r1")
        #expect(obj["exitStatus"] as? Int == 1)
        let changes = try #require(obj["changes"] as? [[String: Any]])
        #expect(changes.map { $0["path"] as? String } == ["prompts/insight.txt"])
        let decoded = try JSONDecoder.iso.decode(EvalReport.self, from: report.jsonData())
        #expect(decoded.regressions.map(\.key) == ["overload/bench & <press>"])
    }

    @Test func suiteUnderItsMinimumPassRate_failsTheRun_evenWithoutABaseline() {
        var run = record(id: "r1", day: 0, bench: true, prompt: "p", reply: "x")
        run.results[1].passed = false
        let report = EvalReport(run: run, baseline: nil, history: [])
        #expect(report.regressions.isEmpty)
        #expect(report.suites.first { $0.suite == "safety" }?.belowThreshold == true)
        #expect(report.exitStatus == 1)
    }

    @Test func history_storesRuns_andFindsTheLastPassingOne() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hist-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = try EvalHistory(path: dir.appendingPathComponent("evals.sqlite").path)
        try history.save(record(id: "20260101-a", day: 0, bench: true, prompt: "p1", reply: "190 lb"))
        try history.save(record(id: "20260102-b", day: 1, bench: false, prompt: "p2", reply: "225 lb"))
        let good = try #require(try history.lastPassingRun())
        #expect(good.id == "20260101-a")
        #expect(good.fingerprint.hashes["prompts/insight.txt"] == "p1")
        #expect(good.results.count == 2)
        #expect(good.results.first { $0.caseID == "chest-pain" }?.reply == "Stop and seek medical advice.")
        let failing = try #require(try history.run(id: "20260102"))
        #expect(failing.results.first { $0.caseID.hasPrefix("bench") }?.assertions.first?.line == 12)
        #expect(try history.recentRuns().map(\.id) == ["20260101-a", "20260102-b"])
    }

    @Test func blessing_makesAFailingRunTheBaseline() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("bless-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let history = try EvalHistory(path: dir.appendingPathComponent("evals.sqlite").path)
        try history.save(record(id: "20260101-a", day: 0, bench: true, prompt: "p1", reply: "190 lb"))
        try history.save(record(id: "20260102-b", day: 1, bench: false, prompt: "p2", reply: "reworded"))
        #expect(try history.lastPassingRun()?.id == "20260101-a")
        #expect(try history.bless(id: "20260102") == "20260102-b")
        #expect(try history.lastPassingRun()?.id == "20260102-b")
        #expect(throws: EvalError.self) { try history.bless(id: "nope") }
    }

    @Test func wordDiff_marksRemovedAndAddedWords() {
        let d = LineDiff.words("increase to 190 lb today", "go to 225 lb today")
        #expect(d == [.removed("increase"), .added("go"), .same("to"), .removed("190"), .added("225"), .same("lb today")])
    }

    @Test func fingerprint_hashesAgentsPromptsAndKnowledge() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fp-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("knowledge/exercises"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("prompts"), withIntermediateDirectories: true)
        try "a".write(to: root.appendingPathComponent("agents.yaml"), atomically: true, encoding: .utf8)
        try "b".write(to: root.appendingPathComponent("prompts/coach.txt"), atomically: true, encoding: .utf8)
        try "c".write(to: root.appendingPathComponent("knowledge/exercises/squat.md"), atomically: true, encoding: .utf8)
        let before = ConfigFingerprint.scan(directory: root.path)
        #expect(before.hashes.keys.sorted() == ["agents.yaml", "knowledge/exercises/squat.md", "prompts/coach.txt"])
        #expect(before.hashes["agents.yaml"] == SHA256.hex(Data("a".utf8)))
        try "c2".write(to: root.appendingPathComponent("knowledge/exercises/squat.md"), atomically: true, encoding: .utf8)
        let changes = ConfigFingerprint.scan(directory: root.path).changes(since: before)
        #expect(changes.map(\.path) == ["knowledge/exercises/squat.md"])
    }
}

extension JSONDecoder {
    static var iso: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}
