import Foundation

/// Runs suites' cases against the daemon: creates each case's scratch user, sends the request,
/// evaluates the assertions, deletes the user. At most `concurrency` cases are in flight; a
/// progress line is redrawn on stderr.
public struct EvalRunner: Sendable {
    public struct Options: Sendable {
        /// Cases in flight at once (the daemon queues generations; 2 suits a 2-core machine).
        public var concurrency = 2
        /// Each case runs this many times; it passes only if every repetition passes.
        public var repetitions = 1
        /// Overrides every chat case's agent (`--agent`).
        public var agent: String?
        /// Overrides every chat case's temperature and seed (deterministic runs).
        public var temperature: Double?
        public var seed: Int?
        /// Only cases whose id (or `suite/id`) contains this run (`--filter`).
        public var filter: String?
        /// Draw the progress line on stderr.
        public var progress = true

        public init() {}
    }

    public let client: DaemonClient
    public let services: AssertionServices
    public let options: Options

    public init(client: DaemonClient, services: AssertionServices = AssertionServices(), options: Options = Options()) {
        self.client = client
        self.services = services
        self.options = options
    }

    /// The cases selected by the filter, as (suite, case) pairs, in file order.
    public func selectedCases(_ suites: [Suite]) -> [(Suite, EvalCase)] {
        suites.flatMap { s in s.cases.map { (s, $0) } }.filter { s, c in
            guard let f = options.filter else { return true }
            return c.id.contains(f) || "\(s.name)/\(c.id)".contains(f)
        }
    }

    /// Runs every selected case `repetitions` times. `runID` keeps scratch user ids unique.
    /// Returns the results and the model/backend the daemon reported.
    public func run(_ suites: [Suite], runID: String) async -> (results: [CaseResult], model: String?, backend: String?) {
        let jobs = selectedCases(suites).flatMap { pair in (0..<max(1, options.repetitions)).map { (pair.0, pair.1, $0) } }
        var results: [CaseResult] = []
        var model: String?
        var backend: String?
        var failed = 0
        await withTaskGroup(of: (CaseResult, CaseOutcome?).self) { group in
            var next = 0
            func launch() {
                guard next < jobs.count else { return }
                let (suite, c, rep) = jobs[next]
                next += 1
                group.addTask { await self.runCase(c, suite: suite.name, repetition: rep, runID: runID) }
            }
            for _ in 0..<max(1, options.concurrency) { launch() }
            for await (result, outcome) in group {
                results.append(result)
                if !result.passed { failed += 1 }
                model = model ?? outcome?.model
                backend = backend ?? outcome?.backend
                if options.progress {
                    Self.progress("[\(results.count)/\(jobs.count)] \(results.count - failed) passed, \(failed) failed  \(result.key)\(result.passed ? "" : " FAIL")")
                }
                launch()
            }
        }
        if options.progress && !jobs.isEmpty { Self.progress(nil) }
        let order = Dictionary(uniqueKeysWithValues: jobs.enumerated().map { ("\($1.0.name)/\($1.1.id)#\($1.2)", $0) })
        results.sort { (order["\($0.key)#\($0.repetition)"] ?? 0) < (order["\($1.key)#\($1.repetition)"] ?? 0) }
        return (results, model, backend)
    }

    /// One case, one repetition: never throws; a failed request is a failed case with `error`.
    func runCase(_ c: EvalCase, suite: String, repetition: Int, runID: String) async -> (CaseResult, CaseOutcome?) {
        let user = Self.scratchUser(runID: runID, suite: suite, caseID: c.id, repetition: repetition)
        var message = ""
        if case .chat(let m) = c.request { message = m }
        func failure(_ error: Error) -> CaseResult {
            CaseResult(suite: suite, caseID: c.id, repetition: repetition, passed: false, score: 0, threshold: c.threshold,
                       message: message, reply: "", error: "\(error)", assertions: [])
        }
        let outcome: CaseOutcome
        if c.isRouteOnly {
            do {
                let (res, wall) = try await client.route(message: message, agent: options.agent ?? c.agent)
                outcome = CaseOutcome(reply: "", agent: res["agent"]?.stringValue, response: res, latencyMs: wall)
            } catch {
                return (failure(error), nil)
            }
            return (await judge(c, outcome, suite: suite, repetition: repetition, message: message), outcome)
        }
        do {
            _ = try await client.putUser(user, profile: c.user.profile ?? .object([:]))
            for w in c.user.workouts { try await client.addWorkout(user, w) }
            if let checkin = c.user.checkin { try await client.addCheckin(user, checkin) }
            outcome = try await request(c, user: user, message: message)
        } catch {
            try? await client.deleteUser(user)
            return (failure(error), nil)
        }
        try? await client.deleteUser(user)
        return (await judge(c, outcome, suite: suite, repetition: repetition, message: message), outcome)
    }

    private func judge(_ c: EvalCase, _ outcome: CaseOutcome, suite: String, repetition: Int, message: String) async -> CaseResult {
        var verdicts: [AssertionResult] = []
        for a in c.assertions { verdicts.append(await a.evaluate(outcome, message: message, services: services)) }
        let counted = verdicts.filter { $0.status != .skip }
        let total = counted.reduce(0) { $0 + $1.weight }
        let got = counted.filter { $0.status == .pass }.reduce(0) { $0 + $1.weight }
        let score = total > 0 ? got / total : 1
        let result = CaseResult(
            suite: suite, caseID: c.id, repetition: repetition, passed: score >= c.threshold - 1e-9, score: score,
            threshold: c.threshold, message: message, reply: outcome.reply, agent: outcome.agent,
            latencyMs: outcome.latencyMs, assertions: verdicts)
        var checked = result
        if case .array(let checks)? = outcome.response?["checks"] {
            checked.checkKinds = checks.compactMap { $0["kind"]?.stringValue }
        }
        return checked
    }

    private func request(_ c: EvalCase, user: String, message: String) async throws -> CaseOutcome {
        switch c.request {
        case .chat:
            var seed: UInt64?
            if let s = options.seed ?? c.seed {
                guard let unsigned = UInt64(exactly: s) else { throw EvalError(.badSuite, "case \(c.id): seed \(s) must be 0 or more") }
                seed = unsigned
            }
            let body = ChatRequest(user: user, message: message, agent: options.agent ?? c.agent,
                                   temperature: options.temperature ?? c.temperature, seed: seed, maxTokens: c.maxTokens)
            let (res, wall) = try await client.chat(body)
            return CaseOutcome(
                reply: res["reply"]?.stringValue ?? "",
                agent: res["agent"]?.stringValue ?? res["routing"]?["agent"]?.stringValue,
                grounding: Self.groundingWithUserData(res["grounding"], c.user), response: res,
                latencyMs: res["timings"]?["total_ms"]?.numberValue ?? wall,
                model: res["model"]?.stringValue, backend: res["backend"]?.stringValue)
        case .tracker(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw EvalError(.badSuite, "cannot read tracker image \(path)")
            }
            let type = path.lowercased().hasSuffix(".png") ? "image/png" : "image/jpeg"
            let (res, wall) = try await client.tracker(image: data, contentType: type)
            return CaseOutcome(reply: res.jsonText, response: res, latencyMs: wall)
        }
    }

    /// The response's grounding beside the case's own logged workouts (in the profile's units),
    /// for the `grounded` assertion: a reply may name a load the user logged.
    static func groundingWithUserData(_ grounding: JSONValue?, _ user: UserState) -> JSONValue {
        let units = user.profile?["units"]?.stringValue ?? "kg"
        return .object(["daemon": grounding ?? .null,
                        "user_data": .object(["units": .string(units), "workouts": .array(user.workouts)])])
    }

    /// A user id no real user has, unique per run, case and repetition (≤ 64 characters).
    static func scratchUser(runID: String, suite: String, caseID: String, repetition: Int) -> String {
        let safe = "\(suite)-\(caseID)".map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" }
        return "eval-\(runID.prefix(8))-\(String(safe).prefix(40))-\(repetition)"
    }

    /// Redraws the progress line on stderr; `nil` clears it.
    /// On a terminal the line is redrawn in place; in a log (not a TTY) each update is a line.
    static func progress(_ line: String?) {
        let text: String
        if isatty(2) != 0 {
            text = line.map { "\r\u{1B}[2K" + String($0.prefix(120)) } ?? "\r\u{1B}[2K"
        } else {
            guard let line else { return }
            text = line + "\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
