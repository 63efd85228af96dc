import Foundation

/// The result of one case in one repetition.
public struct CaseResult: Sendable, Equatable, Codable {
    public var suite: String
    public var caseID: String
    public var repetition: Int
    public var passed: Bool
    /// Passed weight / total weight of the non-skipped assertions (0 when the request failed).
    public var score: Double
    public var threshold: Double
    public var message: String
    public var reply: String
    public var agent: String?
    public var latencyMs: Double
    /// Why the case could not be evaluated (HTTP error from the daemon, unreadable image).
    public var error: String?
    public var assertions: [AssertionResult]
    /// The kinds of the daemon's own answer-checker changes on this reply (`checks` of the chat
    /// response: a number rewritten, a sentence removed, the sentence cap); nil in older runs.
    public var checkKinds: [String]?

    public init(
        suite: String, caseID: String, repetition: Int = 0, passed: Bool, score: Double, threshold: Double = 1,
        message: String = "", reply: String, agent: String? = nil, latencyMs: Double = 0, error: String? = nil,
        assertions: [AssertionResult]
    ) {
        self.suite = suite
        self.caseID = caseID
        self.repetition = repetition
        self.passed = passed
        self.score = score
        self.threshold = threshold
        self.message = message
        self.reply = reply
        self.agent = agent
        self.latencyMs = latencyMs
        self.error = error
        self.assertions = assertions
    }

    /// `suite/case`, the identity a case keeps across runs.
    public var key: String { "\(suite)/\(caseID)" }

    public var failedAssertions: [AssertionResult] { assertions.filter { $0.status == .fail } }
}

/// One stored eval run: what ran, against what, and every case result.
public struct RunRecord: Sendable, Equatable, Codable {
    public var id: String
    public var startedAt: Date
    public var finishedAt: Date
    public var model: String
    public var backend: String
    public var fingerprint: ConfigFingerprint
    /// Suite name → minimum pass rate.
    public var suites: [String: Double]
    public var results: [CaseResult]
    /// Whether the run was good (exit status 0): it can serve as a baseline.
    public var passed: Bool

    public init(
        id: String, startedAt: Date, finishedAt: Date, model: String, backend: String,
        fingerprint: ConfigFingerprint, suites: [String: Double], results: [CaseResult], passed: Bool = false
    ) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.model = model
        self.backend = backend
        self.fingerprint = fingerprint
        self.suites = suites
        self.results = results
        self.passed = passed
    }

    /// Per case across repetitions: a case passes only when every repetition passed.
    public var casePassed: [String: Bool] {
        var out: [String: Bool] = [:]
        for r in results { out[r.key] = (out[r.key] ?? true) && r.passed }
        return out
    }

    /// The first failing repetition of each case, else its first repetition.
    public var representative: [String: CaseResult] {
        var out: [String: CaseResult] = [:]
        for r in results where out[r.key] == nil || (out[r.key]!.passed && !r.passed) { out[r.key] = r }
        return out
    }

    /// Pass rate per suite over cases (not repetitions).
    public var suitePassRates: [String: (passed: Int, total: Int)] {
        var out: [String: (passed: Int, total: Int)] = [:]
        let cases = casePassed
        for (key, ok) in cases {
            let suite = String(key.split(separator: "/", maxSplits: 1)[0])
            let cur = out[suite] ?? (0, 0)
            out[suite] = (cur.passed + (ok ? 1 : 0), cur.total + 1)
        }
        return out
    }

    public var passRate: Double {
        let cases = casePassed
        return cases.isEmpty ? 0 : Double(cases.values.filter { $0 }.count) / Double(cases.count)
    }
}

/// A run's headline, for the pass-rate chart and `--baseline` listings.
public struct RunSummary: Sendable, Equatable, Codable {
    public var id: String
    public var startedAt: Date
    public var passRate: Double
    public var passed: Bool
}
