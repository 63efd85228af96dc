import Foundation

/// A daemon started for one eval run when none answers at the default socket:
/// `spotter serve --socket TMP/d.sock --data TMP/data`, run from the configuration directory,
/// stopped (SIGTERM, then SIGKILL after 10 s) and its temporary directory removed afterwards.
public final class PrivateDaemon: @unchecked Sendable {
    // Immutable after init; `Process` may be signalled from any thread.
    public let socket: String
    private let directory: URL
    private let process: Process

    /// Starts the daemon and waits up to `startupTimeout` for `/v1/health` to answer.
    public init(executable: String, configDirectory: String, startupTimeout: Duration = .seconds(240)) async throws(EvalError) {
        // Short path: Unix socket paths are limited to ~107 bytes.
        let dir = URL(fileURLWithPath: "/tmp").appendingPathComponent("spotter-eval-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw EvalError(.daemonUnreachable, "cannot create a directory for a private daemon at \(dir.path): \(error)")
        }
        directory = dir
        socket = dir.appendingPathComponent("d.sock").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--socket", socket, "--data", dir.appendingPathComponent("data").path]
        process.currentDirectoryURL = URL(fileURLWithPath: configDirectory)
        let log = dir.appendingPathComponent("daemon.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        if let handle = try? FileHandle(forWritingTo: log) {
            process.standardOutput = handle
            process.standardError = handle
        }
        do { try process.run() } catch {
            throw EvalError(.daemonUnreachable, "cannot start a private daemon (\(executable) serve): \(error)")
        }
        let client = DaemonClient(socket: socket)
        let deadline = ContinuousClock.now + startupTimeout
        while true {
            if (try? await client.health(timeout: .seconds(2))) != nil { return }
            if !process.isRunning {
                let tail = (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(600)) } ?? ""
                cleanup()
                throw EvalError(.daemonUnreachable, "the private daemon exited with status \(process.terminationStatus) before answering: \(tail)")
            }
            if ContinuousClock.now > deadline {
                await stop()
                throw EvalError(.daemonUnreachable, "the private daemon did not answer /v1/health within \(startupTimeout); see \(log.path)")
            }
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Stops the daemon and removes its temporary directory.
    public func stop() async {
        if process.isRunning {
            process.terminate()
            let deadline = ContinuousClock.now + .seconds(10)
            while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(100)) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        cleanup()
    }

    private func cleanup() { try? FileManager.default.removeItem(at: directory) }
}
