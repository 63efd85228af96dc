import Foundation
import Yams

/// One `spotter eval` invocation: load suites, find (or start) the daemon, run, store,
/// compare with the baseline, write reports, and decide the exit status.
///
/// ```swift
/// var config = EvalSession.Configuration(repositoryRoot: ".", dataDirectory: ".spotter")
/// config.socket = "/run/user/1000/spotter/spotter.sock"
/// config.htmlPath = "eval-reports/latest.html"
/// let status = await EvalSession(config).run()   // 0 good, 1 regression, 2 could not run
/// ```
public struct EvalSession: Sendable {
    public struct Configuration: Sendable {
        /// Suite files; empty means every `evals/*.yaml` under `repositoryRoot`.
        public var suitePaths: [String] = []
        /// Where `agents.yaml`, `prompts/`, `knowledge/` and `evals/` live (hashed per run).
        public var repositoryRoot: String
        /// Holds `evals.sqlite`.
        public var dataDirectory: String
        /// The daemon's socket. `nil`: try ``defaultSocket``, and start a private daemon
        /// (``serverExecutable``) when nothing answers there.
        public var socket: String?
        public var defaultSocket: String = EvalSession.defaultSocketPath()
        /// The `spotter` executable used to start a private daemon; `nil` disables that.
        public var serverExecutable: String?
        public var runner = EvalRunner.Options()
        public var services = AssertionServices()
        /// `--baseline RUN`: compare with this run (id or unique prefix) instead of the last good one.
        public var baseline: String?
        public var junitPath: String?
        public var jsonPath: String?
        public var htmlPath: String?
        /// Print the console table to stdout.
        public var printConsole = true

        public init(repositoryRoot: String, dataDirectory: String) {
            self.repositoryRoot = repositoryRoot
            self.dataDirectory = dataDirectory
        }
    }

    public let config: Configuration

    public init(_ config: Configuration) { self.config = config }

    /// Runs and returns the process exit status: 0 all good, 1 a regression or a suite under
    /// its minimum pass rate, 2 the run could not happen (the reason goes to stderr).
    public func run() async -> Int32 {
        do {
            let report = try await execute()
            if config.printConsole { print(report.consoleText(), terminator: "") }
            return report.exitStatus
        } catch {
            FileHandle.standardError.write(Data("spotter eval: \(error)\n".utf8))
            return Self.exitStatus(for: error)
        }
    }

    /// Every error that stops a run means "the run could not happen".
    public static func exitStatus(for error: EvalError) -> Int32 { 2 }

    /// Does the whole run and returns the report (already stored and written to files).
    public func execute() async throws(EvalError) -> EvalReport {
        let suites = try loadSuites()
        let (client, daemon) = try await connect()
        let report: EvalReport
        do {
            report = try await runAndRecord(suites, client: client)
        } catch {
            await daemon?.stop()
            throw error
        }
        await daemon?.stop()
        return report
    }

    /// Blesses a stored run as the new baseline (`spotter eval --bless RUN`): after an intended
    /// change (a better prompt that rewords answers), the next runs compare with it.
    public func bless(_ runID: String) throws(EvalError) -> String {
        try EvalHistory(path: URL(fileURLWithPath: config.dataDirectory).appendingPathComponent("evals.sqlite").path).bless(id: runID)
    }

    func loadSuites() throws(EvalError) -> [Suite] {
        var paths = config.suitePaths
        if paths.isEmpty {
            let dir = URL(fileURLWithPath: config.repositoryRoot).appendingPathComponent("evals").path
            let found = Self.discoverSuites(in: dir)
            for skipped in found.skipped {
                FileHandle.standardError.write(Data("spotter eval: skipping \(skipped): not a chat suite (no top-level `cases:`)\n".utf8))
            }
            paths = found.suites
            if paths.isEmpty { throw EvalError(.badSuite, "no suites in \(dir); pass suite files or add evals/*.yaml") }
        }
        let loader = SuiteLoader()
        var suites: [Suite] = []
        for p in paths {
            let s = try loader.load(path: p)
            if let other = suites.first(where: { $0.name == s.name }) {
                throw EvalError(.badSuite, "suite name \"\(s.name)\" is also used by \(other.file); suite names must be unique", file: p)
            }
            suites.append(s)
        }
        return suites
    }

    /// The `*.yaml` files in `directory` that are chat suites (a top-level `cases:` key), and
    /// those that are not: `evals/` also holds other tools' evaluation files (the knowledge
    /// index's `retrieval.yaml` with `queries:`), which `spotter eval` leaves to their owners.
    /// A file that is not valid YAML counts as a suite, so that its error is reported.
    public static func discoverSuites(in directory: String) -> (suites: [String], skipped: [String]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var suites: [String] = [], skipped: [String] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                  let node = try? Yams.compose(yaml: text), case .mapping(let top) = node else {
                suites.append(path)
                continue
            }
            if top.keys.contains(where: { $0.string == "cases" }) { suites.append(path) } else { skipped.append(path) }
        }
        return (suites, skipped)
    }

    func connect() async throws(EvalError) -> (DaemonClient, PrivateDaemon?) {
        if let socket = config.socket {
            let client = DaemonClient(socket: socket)
            _ = try await client.health()
            return (client, nil)
        }
        let client = DaemonClient(socket: config.defaultSocket)
        if (try? await client.health()) != nil { return (client, nil) }
        guard let exe = config.serverExecutable else {
            throw EvalError(.daemonUnreachable, "no daemon answers at \(config.defaultSocket); start one with `spotter serve` or pass --socket")
        }
        FileHandle.standardError.write(Data("no daemon at \(config.defaultSocket); starting a private one\n".utf8))
        let daemon = try await PrivateDaemon(executable: exe, configDirectory: config.repositoryRoot)
        return (DaemonClient(socket: daemon.socket), daemon)
    }

    func runAndRecord(_ suites: [Suite], client: DaemonClient) async throws(EvalError) -> EvalReport {
        let history = try EvalHistory(path: URL(fileURLWithPath: config.dataDirectory).appendingPathComponent("evals.sqlite").path)
        var baseline: RunRecord?
        if let wanted = config.baseline {
            guard let b = try history.run(id: wanted) else {
                throw EvalError(.usage, "no stored run matches --baseline \(wanted); see the run ids in earlier reports")
            }
            baseline = b
        }
        let health = try? await client.health()
        let started = Date()
        let runID = Self.newRunID(started)
        let runner = EvalRunner(client: client, services: config.services, options: config.runner)
        if runner.selectedCases(suites).isEmpty {
            throw EvalError(.usage, "no case matches --filter \(config.runner.filter ?? ""); case ids look like insight/bench-185x5-good-recovery-increase")
        }
        let out = await runner.run(suites, runID: runID)
        let minRates = Dictionary(uniqueKeysWithValues: suites.map { ($0.name, $0.minPassRate) })
        // Suites whose cases were all filtered out do not count.
        let ran = Set(out.results.map(\.suite))
        var record = RunRecord(
            id: runID, startedAt: started, finishedAt: Date(),
            model: out.model ?? health?["model"]?.stringValue ?? "unknown",
            backend: out.backend ?? health?["backend"]?.stringValue ?? "unknown",
            fingerprint: ConfigFingerprint.scan(directory: config.repositoryRoot),
            suites: minRates.filter { ran.contains($0.key) }, results: out.results)
        // The last good run; while no run has ever passed (a new suite, a small model), the
        // previous run, so that a case that stops passing is still caught.
        if baseline == nil { baseline = try history.lastPassingRun(excluding: runID) }
        if baseline == nil { baseline = try history.latestRun(excluding: runID) }
        record.passed = EvalReport(run: record, baseline: baseline, history: []).exitStatus == 0
        try history.save(record)
        let report = EvalReport(run: record, baseline: baseline, history: try history.recentRuns())
        try write(report)
        return report
    }

    func write(_ report: EvalReport) throws(EvalError) {
        func put(_ path: String?, _ data: () throws -> Data) throws(EvalError) {
            guard let path else { return }
            do {
                try FileManager.default.createDirectory(
                    atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
                try data().write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch { throw EvalError(.storage, "cannot write the report \(path): \(error)") }
        }
        try put(config.junitPath) { Data(report.junitXML().utf8) }
        try put(config.jsonPath) { try report.jsonData() }
        try put(config.htmlPath) { Data(report.html().utf8) }
    }

    /// `$XDG_DATA_HOME/spotter`, else `./.spotter` (the daemon's own default data directory).
    public static func defaultDataDirectory(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = env["XDG_DATA_HOME"], !xdg.isEmpty { return "\(xdg)/spotter" }
        return FileManager.default.currentDirectoryPath + "/.spotter"
    }

    /// `20261123T021500Z-1a2b3c`: sortable by time, unique enough for one machine.
    static func newRunID(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "\(f.string(from: date))-\(UUID().uuidString.prefix(6).lowercased())"
    }

    /// `$SPOTTER_SOCKET`, else `$XDG_RUNTIME_DIR/spotter/spotter.sock`, else
    /// `./.spotter/spotter.sock` (the daemon's own default).
    public static func defaultSocketPath(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let s = env["SPOTTER_SOCKET"], !s.isEmpty { return s }
        if let xdg = env["XDG_RUNTIME_DIR"], !xdg.isEmpty { return "\(xdg)/spotter/spotter.sock" }
        return FileManager.default.currentDirectoryPath + "/.spotter/spotter.sock"
    }
}
