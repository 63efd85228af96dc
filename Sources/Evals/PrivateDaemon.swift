import Foundation
import Synchronization

/// A daemon started for one eval run when none answers at the default socket:
/// `spotter serve --socket TMP/d.sock --data TMP/data`, run from the configuration directory,
/// stopped (SIGTERM, then SIGKILL after 10 s) and its temporary directory removed afterwards.
///
/// It is stopped on every exit path: after the run or an error (`EvalSession.execute`), and when `spotter eval` itself gets SIGINT, SIGTERM or SIGHUP (a
/// nightly timer's timeout, Ctrl-C): `PrivateDaemonSignals` stops every live private daemon and
/// then lets the signal end the process as it would have.
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
        PrivateDaemonSignals.register(self)
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

    /// `stop()` without suspending, for signal handlers: SIGTERM, up to `grace` for
    /// the daemon to drain, then SIGKILL.
    func stopNow(grace: Duration = .seconds(10)) {
        if process.isRunning {
            process.terminate()
            let deadline = ContinuousClock.now + grace
            while process.isRunning && ContinuousClock.now < deadline { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        cleanup()
    }

    /// The daemon's process id (0 before it started).
    public var processIdentifier: Int32 { process.processIdentifier }

    private func cleanup() {
        PrivateDaemonSignals.unregister(self)
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Stops every live `PrivateDaemon` of this process when it gets SIGINT, SIGTERM or SIGHUP, then
/// ends the process with that signal's default action (so the exit status still says which).
/// Handlers are installed while at least one private daemon runs.
enum PrivateDaemonSignals {
    private struct State: @unchecked Sendable {
        var live: [ObjectIdentifier: PrivateDaemon] = [:]
        var sources: [any DispatchSourceSignal] = []
    }
    private static let state = Mutex(State())
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    static func register(_ daemon: PrivateDaemon) {
        state.withLock { state in
            state.live[ObjectIdentifier(daemon)] = daemon
            guard state.sources.isEmpty else { return }
            for number in signals {
                signal(number, SIG_IGN)  // delivered to the dispatch source instead
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { stopAllAndExit(signal: number) }
                source.resume()
                state.sources.append(source)
            }
        }
    }

    static func unregister(_ daemon: PrivateDaemon) {
        state.withLock { state in
            state.live[ObjectIdentifier(daemon)] = nil
            guard state.live.isEmpty, !state.sources.isEmpty else { return }
            for source in state.sources { source.cancel() }
            state.sources = []
            for number in signals { signal(number, SIG_DFL) }
        }
    }

    private static func stopAllAndExit(signal number: Int32) -> Never {
        let daemons = state.withLock { Array($0.live.values) }
        FileHandle.standardError.write(Data("spotter eval: signal \(number); stopping \(daemons.count) private daemon(s)\n".utf8))
        for daemon in daemons { daemon.stopNow() }
        signal(number, SIG_DFL)
        raise(number)
        exit(128 + number)
    }
}
