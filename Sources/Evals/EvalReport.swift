import Foundation

/// Everything the report writers show: the run, its baseline, what regressed and what changed.
public struct EvalReport: Sendable, Codable {
    /// A case that passed in the baseline and fails now.
    public struct Regression: Sendable, Codable, Equatable {
        public var key: String
        public var now: CaseResult
        public var baselineReply: String
    }

    public struct SuiteSummary: Sendable, Codable, Equatable {
        public var suite: String
        public var passed: Int
        public var total: Int
        public var minPassRate: Double
        public var passRate: Double { total == 0 ? 0 : Double(passed) / Double(total) }
        public var belowThreshold: Bool { passRate + 1e-9 < minPassRate }
    }

    public var run: RunRecord
    public var baselineID: String?
    public var suites: [SuiteSummary]
    public var regressions: [Regression]
    /// Cases that failed in the baseline and pass now.
    public var fixed: [String]
    /// Failing cases (representative repetition), regressions included.
    public var failures: [CaseResult]
    /// Baseline reply per failing case key, for the diff.
    public var baselineReplies: [String: String]
    /// Files whose hash changed since the baseline.
    public var changes: [FileChange]
    /// `model`/`backend` changes since the baseline, in words.
    public var modelChange: String?
    /// Stored runs for the pass-rate chart, oldest first, this one included.
    public var history: [RunSummary]

    /// 0 all good; 1 regressions or a suite under its minimum pass rate.
    public private(set) var exitStatus: Int32 = 0

    /// Compares `run` with `baseline` (nil: the first run, nothing to regress from).
    public init(run: RunRecord, baseline: RunRecord?, history: [RunSummary]) {
        self.run = run
        self.baselineID = baseline?.id
        self.history = history
        let rates = run.suitePassRates
        suites = run.suites.keys.sorted().map { name in
            let r = rates[name] ?? (0, 0)
            return SuiteSummary(suite: name, passed: r.passed, total: r.total, minPassRate: run.suites[name] ?? 1)
        }
        let now = run.casePassed
        let rep = run.representative
        let before = baseline?.casePassed ?? [:]
        let beforeRep = baseline?.representative ?? [:]
        regressions = now.keys.sorted().compactMap { key in
            guard now[key] == false, before[key] == true, let cur = rep[key] else { return nil }
            return Regression(key: key, now: cur, baselineReply: beforeRep[key]?.reply ?? "")
        }
        fixed = now.keys.sorted().filter { now[$0] == true && before[$0] == false }
        failures = now.keys.sorted().filter { now[$0] == false }.compactMap { rep[$0] }
        var replies: [String: String] = [:]
        for f in failures { if let b = beforeRep[f.key] { replies[f.key] = b.reply } }
        baselineReplies = replies
        changes = baseline.map { run.fingerprint.changes(since: $0.fingerprint) } ?? []
        if let b = baseline, b.model != run.model || b.backend != run.backend {
            modelChange = "model \(b.model) (\(b.backend)) → \(run.model) (\(run.backend))"
        }
        exitStatus = regressions.isEmpty && !suites.contains(where: \.belowThreshold) ? 0 : 1
    }
}
