import Foundation
import Testing
import SpotterTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `spotter eval` stops its private daemon when it is itself stopped (issue #15 item 8).
@Suite struct EvalSignalTests {
    /// The pids whose parent is `parent` and whose command line contains `needle`.
    static func children(of parent: Int32, containing needle: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, Int32(fields[1]) == parent else { return false }
            let cmdline = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))).map { String(decoding: $0, as: UTF8.self) } ?? ""
            return cmdline.contains(needle)
        }
    }

    /// Alive: the process exists and is not a zombie.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func eval_whenSignalled_stopsItsPrivateDaemon_andRemovesItsDirectory(signal: Int32) async throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = Process()
        process.executableURL = try ChildDaemon.binary()
        process.arguments = ["eval", "--config", repositoryRoot().path, "--data", dir + "/data", "--no-progress", "evals/coach.yaml"]
        process.currentDirectoryURL = repositoryRoot()
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_RUNTIME_DIR"] = dir + "/runtime"  // nothing answers there: eval starts a private daemon
        environment["SPOTTER_SOCKET"] = nil
        process.environment = environment
        let log = URL(fileURLWithPath: dir + "/eval.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        var daemon: Int32?
        let deadline = ContinuousClock.now + .seconds(60)
        while daemon == nil, ContinuousClock.now < deadline, process.isRunning {
            daemon = Self.children(of: process.processIdentifier, containing: "serve").first
            if daemon == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let pid = try #require(daemon, "no private daemon appeared; log: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        defer { if Self.isAlive(pid) { kill(pid, SIGKILL) } }
        let cmdline = String(decoding: try Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")), as: UTF8.self)
        let socket = try #require(cmdline.split(separator: "\0").map(String.init).first { $0.hasSuffix("d.sock") })
        let privateDirectory = URL(fileURLWithPath: socket).deletingLastPathComponent().path
        try await Task.sleep(for: .seconds(1))

        kill(process.processIdentifier, signal)
        let stopDeadline = ContinuousClock.now + .seconds(20)
        while (process.isRunning || Self.isAlive(pid)), ContinuousClock.now < stopDeadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning, "spotter eval ignored the signal")
        #expect(!Self.isAlive(pid), "the private daemon outlived spotter eval; log: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        #expect(!FileManager.default.fileExists(atPath: privateDirectory), "the private daemon's directory is left behind")
    }
}
