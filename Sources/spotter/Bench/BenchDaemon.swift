import Foundation
import HTTPClient
import Server

/// A `spotter serve` child process on a private socket, for benchmarks that measure what an app
/// sees: the same binary as the bench (`/proc/self/exe`), run from the current directory (the
/// repository root: `agents.yaml`, `knowledge/`, `models/`), its output in `DIR/daemon.log`.
final class BenchDaemon: Sendable {
    let socket: String
    let pid: pid_t
    let log: String

    /// Starts `spotter serve --socket DIR/s.sock --data DIR/data [--database URL]` and waits
    /// until `GET /v1/health` answers with no capability still `loading` (at most two minutes),
    /// so that a measurement never shares the CPU with the daemon's background model loading.
    init(directory: String, database: String?) async throws {
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        socket = directory + "/s.sock"
        log = directory + "/daemon.log"
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var arguments = [executable, "serve", "--socket", socket, "--data", directory + "/data"]
        if let database { arguments += ["--database", database] }
        pid = try Self.spawn(arguments, output: log)
        for _ in 0..<2400 {
            if let r = try? await CurlHTTPClient().send(HTTPRequest(url: "http://localhost/v1/health", unixSocket: socket, connectTimeout: .seconds(1))),
               r.status == 200, !r.text.contains(#""loading""#) { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let tail = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").suffix(600)
                throw ServerError("the bench daemon (\(arguments.dropFirst().joined(separator: " "))) exited with status \(status): \(tail)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        stop()
        throw ServerError("the bench daemon on \(socket) was not ready (/v1/health answering with nothing `loading`) within 2 minutes; see \(log)")
    }

    /// SIGTERM, then waits for the process to finish its graceful shutdown.
    func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    /// posix_spawn with stdin from /dev/null, stdout appended to `output` and stderr to
    /// `errors` (default: `output` too).
    static func spawn(_ arguments: [String], output: String, errors: String? = nil, environment: [String: String] = [:]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        if let errors {
            posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { strdup("\($0)=\($1)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, arguments[0], &actions, nil, argv, env)
        guard rc == 0 else { throw ServerError("cannot run \(arguments.joined(separator: " ")): \(String(cString: strerror(rc)))") }
        return pid
    }

    /// Runs a command to its end and returns its trimmed output (posix_spawn + waitpid with the
    /// output in a file: Foundation's `Process.waitUntilExit` never returns for
    /// `scripts/postgres.sh start`, because of the server it leaves running).
    static func shell(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("spt-shell-\(UUID().uuidString.prefix(8))").path
        let errPath = outPath + ".err"
        defer { unlink(outPath); unlink(errPath) }
        let pid = try spawn(["/usr/bin/env"] + arguments, output: outPath, errors: errPath, environment: environment)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard status == 0 else {
            let errors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw ServerError("\(arguments.joined(separator: " ")) failed (status \(status)): \(errors.suffix(400))")
        }
        return text
    }
}
