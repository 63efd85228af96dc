import Foundation
import Testing
import SpotterTestSupport
@testable import Server
@testable import SpotterApp
@testable import Store
import Knowledge

/// Runs the `spotter` binary to the end: exit status, stdout, stderr. Output goes to files and
/// the exit is polled, so that no thread of the cooperative pool blocks (an in-process daemon
/// may have to answer the command meanwhile).
func runSpotter(_ arguments: [String]) async throws -> (status: Int32, out: String, err: String) {
    let dir = try makeShortTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let outURL = URL(fileURLWithPath: dir + "/out"), errURL = URL(fileURLWithPath: dir + "/err")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = try ChildDaemon.binary()
    process.arguments = arguments
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    while process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
    return (process.terminationStatus, try String(contentsOf: outURL, encoding: .utf8), try String(contentsOf: errURL, encoding: .utf8))
}

/// The CLI after a runtime error, and while the daemon is loading (issue #15 item 11).
@Suite struct CLIErrorTests {
    @Test func runtimeError_printsTheMessage_withoutUsageText() async throws {
        let result = try await runSpotter(["import-exercises", "/nonexistent/exercises.json"])
        #expect(result.status == 1)
        #expect(result.err.contains("cannot read /nonexistent/exercises.json"), "\(result.err)")
        #expect(!result.err.contains("Usage:"), "\(result.err)")
    }

    /// The knowledge index stays "loading" (503, Retry-After 5): the CLI says it waits and
    /// retries; when loading then fails (503 without Retry-After) it prints that and exits 1.
    @Test func clientCommand_on503WithRetryAfter_waitsWithAProgressLine_thenReportsTheOutcome() async throws {
        let knowledge = Loadable<KnowledgeIndex>(name: "the knowledge index")
        try await withDaemon(services: { SpotterServices(store: $0, knowledge: knowledge) }) { _, configuration in
            async let run = runSpotter(["search", "--socket", configuration.socketPath, "squat"])
            try await Task.sleep(for: .seconds(2))
            knowledge.fail("test: the index is broken")
            let result = try await run
            #expect(result.status == 1)
            #expect(result.err.contains("still loading; retry shortly; retrying in 5 s"), "\(result.err)")
            #expect(result.err.contains("failed to load: test: the index is broken"), "\(result.err)")
            #expect(!result.err.contains("Usage:"))
        }
    }
}
