import ArgumentParser
import Evals
import Foundation

/// `spotter eval [SUITE...]`: runs the prompt-regression suites against the daemon, stores the
/// run in `evals.sqlite`, compares it with the last good run (or `--baseline`), prints a table
/// and writes JUnit XML, JSON and HTML reports. Exit status: 0 all good; 1 a regression or a
/// suite under its minimum pass rate; 2 the run could not happen (no daemon, bad suite file).
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run prompt-regression suites (evals/*.yaml) against the daemon.",
        discussion: """
        Without --socket, the daemon at the default socket is used; when none answers there, a \
        private daemon is started on a temporary socket and stopped afterwards. The judge for \
        llm-rubric is configured by SPOTTER_JUDGE_BASE_URL, SPOTTER_JUDGE_MODEL and \
        SPOTTER_JUDGE_API_KEY (or --judge-url/--judge-model); without one those assertions are skipped.
        """)

    @Argument(help: "Suite files (default: every evals/*.yaml under --config).")
    var suites: [String] = []

    @Option(help: "Send every case to this agent (auto, insight, planner, coach).")
    var agent: String?

    @Option(name: .customLong("repeat"), help: "Run each case N times; it passes only if every run passes.")
    var repetitions: Int = 1

    @Option(help: "Run only cases whose id (or suite/id) contains this text.")
    var filter: String?

    @Option(help: "Write a JUnit XML report here.")
    var junit: String?

    @Option(help: "Write a JSON report here.")
    var json: String?

    @Option(help: "Write a self-contained HTML report here.")
    var html: String?

    @Option(help: "Compare with this stored run (id or unique prefix) instead of the last good run.")
    var baseline: String?

    @Option(help: "Mark a stored run (id or unique prefix) as the new baseline, then exit without running.")
    var bless: String?

    @Option(help: "The daemon's Unix socket (default: $SPOTTER_SOCKET, else $XDG_RUNTIME_DIR/spotter/spotter.sock, else ./.spotter/spotter.sock).")
    var socket: String?

    @Option(help: "Data directory holding evals.sqlite (default: $XDG_DATA_HOME/spotter, else ./.spotter).")
    var data: String?

    @Option(help: "Directory with agents.yaml, prompts/, knowledge/ and evals/ (hashed per run).")
    var config: String = "."

    @Option(help: "Cases in flight at once.")
    var concurrency: Int = 2

    @Option(help: "Override every case's sampling temperature (0 for determinism).")
    var temperature: Double?

    @Option(help: "Override every case's sampling seed.")
    var seed: Int?

    @Option(help: "OpenAI-compatible base URL of the llm-rubric judge (overrides SPOTTER_JUDGE_BASE_URL).")
    var judgeURL: String?

    @Option(help: "Model name of the llm-rubric judge (overrides SPOTTER_JUDGE_MODEL).")
    var judgeModel: String?

    @Flag(help: "Do not draw the progress line on stderr.")
    var noProgress = false

    func validate() throws {
        if let agent, !["auto", "insight", "planner", "coach"].contains(agent) {
            throw ValidationError("--agent \(agent) is not auto, insight, planner or coach")
        }
        if repetitions < 1 { throw ValidationError("--repeat must be at least 1") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        try await execute()
    }

    /// The command's work; throws `ExitCode` 1 or 2 as described above.
    func execute() async throws {
        let env = ProcessInfo.processInfo.environment
        let dataDir = data ?? EvalSession.defaultDataDirectory(env)
        var cfg = EvalSession.Configuration(repositoryRoot: config, dataDirectory: dataDir)
        cfg.suitePaths = suites
        cfg.socket = socket
        cfg.serverExecutable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        cfg.baseline = baseline
        cfg.junitPath = junit
        cfg.jsonPath = json
        cfg.htmlPath = html
        cfg.runner.agent = agent
        cfg.runner.repetitions = repetitions
        cfg.runner.filter = filter
        cfg.runner.concurrency = concurrency
        cfg.runner.temperature = temperature
        cfg.runner.seed = seed
        cfg.runner.progress = !noProgress
        var judgeEnv = env
        if let judgeURL { judgeEnv["SPOTTER_JUDGE_BASE_URL"] = judgeURL }
        if let judgeModel { judgeEnv["SPOTTER_JUDGE_MODEL"] = judgeModel }
        // `similar` uses the daemon's sentence encoder; without the model files it is skipped with a notice.
        cfg.services = AssertionServices(similarity: EncoderSimilarity.load(repositoryRoot: config),
                                         judge: OpenAIRubricJudge.fromEnvironment(judgeEnv))
        if let bless {
            do {
                let id = try EvalSession(cfg).bless(bless)
                print("run \(id) is now the baseline")
                return
            } catch {
                FileHandle.standardError.write(Data("spotter eval: \(error)\n".utf8))
                throw ExitCode(EvalSession.exitStatus(for: error))
            }
        }
        let status = await EvalSession(cfg).run()
        if status != 0 { throw ExitCode(status) }
    }
}
