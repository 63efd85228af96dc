import Foundation
import SpotterTestSupport
import Testing
@testable import Evals

/// Runs the project's suites against a real daemon when `SPOTTER_EVAL_SOCKET` names its socket
/// (e.g. `spotter serve --socket /tmp/s.sock` in another shell). Skipped otherwise: the unit
/// tests above use a fake daemon. Prints the console report and the wall time.
/// `SPOTTER_EVAL_FILTER`, `SPOTTER_EVAL_HTML` and `SPOTTER_EVAL_DATA` (keeps the history) are optional.
@Suite struct LiveDaemonTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SPOTTER_EVAL_SOCKET"] != nil))
    func projectSuites_runAgainstALiveDaemon() async throws {
        let env = ProcessInfo.processInfo.environment
        let root = repositoryRoot()
        let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("live-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let data = env["SPOTTER_EVAL_DATA"].map { URL(fileURLWithPath: $0) } ?? scratch
        var config = EvalSession.Configuration(repositoryRoot: root.path, dataDirectory: data.path)
        config.socket = env["SPOTTER_EVAL_SOCKET"]
        config.runner.filter = env["SPOTTER_EVAL_FILTER"]
        config.runner.progress = false
        config.htmlPath = env["SPOTTER_EVAL_HTML"]
        let start = ContinuousClock.now
        let report = try await EvalSession(config).execute()
        print(report.consoleText())
        print("wall time: \(ContinuousClock.now - start) for \(report.run.casePassed.count) cases")
        // Every case reached the daemon and was stored; whether they pass is the report's business.
        #expect(report.run.results.count == report.run.casePassed.count)
        #expect(!report.run.results.isEmpty)
    }
}

/// Starts a private daemon from a real `spotter` binary named by `SPOTTER_EVAL_EXECUTABLE`
/// (what `spotter eval` does when no daemon answers), checks it answers, stops it.
@Suite struct PrivateDaemonTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SPOTTER_EVAL_EXECUTABLE"] != nil))
    func privateDaemon_startsOnATemporarySocket_andStops() async throws {
        let exe = try #require(ProcessInfo.processInfo.environment["SPOTTER_EVAL_EXECUTABLE"])
        let daemon = try await PrivateDaemon(executable: exe, configDirectory: repositoryRoot().path)
        let health = try await DaemonClient(socket: daemon.socket).health()
        #expect(health["status"]?.stringValue == "ok")
        await daemon.stop()
        #expect(!FileManager.default.fileExists(atPath: daemon.socket))
        await #expect(throws: EvalError.self) { try await DaemonClient(socket: daemon.socket).health(timeout: .seconds(1)) }
    }
}
