import Foundation

/// What the lifter did with a suggestion, read from the next logged session of the exercise: the
/// log is the feedback (VoltLift's accept/modify loop without a tap).
public enum SuggestionOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Did the suggested load (within 1% or 0.5 kg) and reached the target reps (or one short).
    case accepted
    /// Lifted more / less than suggested.
    case changedUp = "changed_up"
    case changedDown = "changed_down"
    /// Did the suggested load or more but missed the target by 2 reps or more.
    case failed

    /// Classifies the next session's top set against a suggestion.
    public static func classify(suggestedKg: Double, targetReps: Int, actualKg: Double, actualReps: Int) -> SuggestionOutcome {
        let tolerance = max(0.01 * suggestedKg, 0.5)
        if actualKg > suggestedKg + tolerance { return .changedUp }
        if actualKg < suggestedKg - tolerance { return .changedDown }
        return actualReps <= targetReps - 2 ? .failed : .accepted
    }
}

/// Counts of outcomes (for one exercise or all): what `/metrics` and the overload response expose.
public struct OutcomeTally: Sendable, Hashable, Codable {
    public var accepted = 0, changedUp = 0, changedDown = 0, failed = 0

    public init() {}

    public var total: Int { accepted + changedUp + changedDown + failed }
    /// Share of suggestions the lifter followed (0 when there are none).
    public var acceptanceRate: Double { total == 0 ? 0 : Double(accepted) / Double(total) }

    public mutating func add(_ o: SuggestionOutcome) {
        switch o {
        case .accepted: accepted += 1
        case .changedUp: changedUp += 1
        case .changedDown: changedDown += 1
        case .failed: failed += 1
        }
    }
}

/// Every suggestion the rules would have made over a user's log, recorded against what was done
/// next, and the per-user calibration fitted from them. Computed from the log alone (no storage).
///
/// ```swift
/// // Once per user and log version (cache it: ~15 ms over a 335-session log, release build):
/// let rules = SuggestionOutcomes(sessions: log, profile: profile).calibrated(OverloadRules())
/// // Per overload request (one exercise: milliseconds):
/// var s = try rules.suggest(exerciseId: "Bench Press (Barbell)", sessions: log, asOf: now, profile: profile)
/// let name = s.loggedName ?? s.exerciseId
/// s.acceptance = SuggestionOutcomes(sessions: log, profile: profile, rules: rules, exercises: [name]).perExercise[name]
/// ```
public struct SuggestionOutcomes: Sendable {
    /// One recorded suggestion.
    public struct Record: Sendable, Hashable {
        public var exercise: String
        public var date: Date
        public var suggestedKg: Double
        public var targetReps: Int
        public var rule: OverloadRule
        public var outcome: SuggestionOutcome
    }

    public let records: [Record]
    public let overall: OutcomeTally
    /// Per exercise as logged.
    public let perExercise: [String: OutcomeTally]
    let replay: OverloadReplay
    let profile: UserProfile

    /// Replays `sessions` through `rules` (the caller's current rules) and records each outcome;
    /// `exercises` (names as logged) limits it to those exercises.
    public init(sessions: [WorkoutSession], profile: UserProfile, rules: OverloadRules = OverloadRules(),
                exercises: Set<String>? = nil) {
        self.init(replay: OverloadReplay(sessions: sessions, exercises: exercises), profile: profile, rules: rules)
    }

    public init(replay: OverloadReplay, profile: UserProfile, rules: OverloadRules = OverloadRules(),
                where include: (OverloadReplay.Case) -> Bool = { _ in true }) {
        self.replay = replay
        self.profile = profile
        var records: [Record] = [], overall = OutcomeTally(), per: [String: OutcomeTally] = [:]
        for c in replay.cases where include(c) {
            let s = rules.suggest(exercise: c.history, recovery: .unknown, profile: profile, asOf: c.date,
                                  trainingBreakDays: c.trainingBreakDays, explain: false)
            let o = SuggestionOutcome.classify(suggestedKg: s.weightKg, targetReps: s.targetReps, actualKg: c.actualKg, actualReps: c.actualReps)
            records.append(Record(exercise: c.exercise, date: c.date, suggestedKg: s.weightKg, targetReps: s.targetReps, rule: s.rule, outcome: o))
            overall.add(o)
            per[c.exercise, default: OutcomeTally()].add(o)
        }
        self.records = records; self.overall = overall; perExercise = per
    }

    /// RPE thresholds tried when calibrating (whole and half points from 7 to 9).
    public static let increaseThresholds: [Double] = [7, 7.5, 8, 8.5, 9]

    /// `rules` calibrated to how this lifter actually trains, from their own next sessions:
    /// - the fatigue evidence they deload on (`deloadOn`): a kind stays on unless it showed in at
    ///   least `minimumFirings` past cases and the lifter went down after it in fewer than half of
    ///   them (a deload call should be right more often than not: their own deload rhythm);
    /// - `increaseAtRPE`: the threshold under which the direction of their next top set agreed best
    ///   with the suggestions. The current value is kept unless another beats it by at least
    ///   `margin` of the cases (2%: a threshold is not moved on noise);
    /// - `habit`: the lifter's `ProgressionHabit`, fitted on the cases where the calibrated rules made
    ///   a call it may change (it abstains below its `minimumCases`).
    /// Nothing changes with fewer than `minimumCases` past cases.
    public func calibrated(_ rules: OverloadRules, minimumCases: Int = 30, margin: Double = 0.02, minimumFirings: Int = 3,
                           where include: (OverloadReplay.Case) -> Bool = { _ in true }) -> OverloadRules {
        let chosen = replay.cases.filter(include)
        guard chosen.count >= minimumCases else { return rules }
        var base = rules
        base.calibration.habit = nil
        base.calibration.deloadOn = Self.deloadEvidenceKept(chosen, rules: rules, profile: profile, minimumFirings: minimumFirings)
        // Each candidate threshold's agreement, keeping the deciding rule of every case: the habit
        // is fitted on the winner's calls (the habit is off while thresholds are compared). A
        // case's suggestion depends on the threshold only through "hardest RPE ≤ threshold"
        // (`OverloadRules.suggest`, rule 5), so each case is decided at most twice (once per side
        // of its RPE), not once per candidate; the scores are those of deciding every candidate.
        var candidates = [base]
        for t in Self.increaseThresholds where t != base.calibration.increaseAtRPE {
            var r = base
            r.calibration.increaseAtRPE = t
            candidates.append(r)
        }
        let predictors = candidates.map { OverloadReplay.rules($0, profile: profile) }
        var scores = [Int](repeating: 0, count: candidates.count)
        var decided = [[OverloadRule?]](repeating: [], count: candidates.count)
        for i in decided.indices { decided[i].reserveCapacity(chosen.count) }
        for c in chosen {
            let last = c.history.last!
            let effort = last.maxRPE ?? last.averageRPE
            let did = OverloadReplay.direction(from: c.previousKg, to: c.actualKg)
            var easy: (kg: Double, rule: OverloadRule?)?, hard: (kg: Double, rule: OverloadRule?)?
            for (i, r) in candidates.enumerated() {
                let isEasy = effort.map { $0 <= r.calibration.increaseAtRPE } ?? false
                let p: (kg: Double, rule: OverloadRule?)
                if isEasy {
                    if easy == nil { easy = predictors[i](c) }
                    p = easy!
                } else {
                    if hard == nil { hard = predictors[i](c) }
                    p = hard!
                }
                if OverloadReplay.direction(from: c.previousKg, to: p.kg) == did { scores[i] += 1 }
                decided[i].append(p.rule)
            }
        }
        var best = base, bestScore = Double(scores[0]) + margin * Double(chosen.count), bestRules = decided[0]
        for i in candidates.indices.dropFirst() where Double(scores[i]) > bestScore {
            best = candidates[i]; bestScore = Double(scores[i]); bestRules = decided[i]
        }
        best.calibration.habit = Self.habit(chosen, decidedBy: bestRules)
        let steps = LoadSteps(changes: chosen.map { ($0.previousKg, $0.actualKg) })
        best.calibration.usualSteps = steps.overall == nil ? nil : steps
        return best
    }

    /// The lifter's progression habit, fitted on the past cases where `rules` made a call the habit
    /// may change (`ProgressionHabit.decides`): did their next top set go up?
    static func habit(_ cases: [OverloadReplay.Case], rules: OverloadRules, profile: UserProfile) -> ProgressionHabit {
        let predict = OverloadReplay.rules(rules, profile: profile)
        return habit(cases, decidedBy: cases.map { predict($0).rule })
    }

    /// The same, given the rule that decided each case (`decided[i]` for `cases[i]`).
    static func habit(_ cases: [OverloadReplay.Case], decidedBy decided: [OverloadRule?]) -> ProgressionHabit {
        let training = zip(cases, decided).filter { $0.1.map(ProgressionHabit.decides.contains) ?? false }.map(\.0)
        return ProgressionHabit.fit(training.map { ($0.history, OverloadReplay.direction(from: $0.previousKg, to: $0.actualKg) == .up) })
    }

    /// The fatigue-evidence kinds to keep for a lifter: for each kind, the past cases where its
    /// evidence showed (whatever the calibration) and how often the lifter's next top set went down.
    static func deloadEvidenceKept(_ cases: [OverloadReplay.Case], rules: OverloadRules, profile: UserProfile,
                                   minimumFirings: Int) -> Set<OverloadRule> {
        var fired: [OverloadRule: Int] = [:], wentDown: [OverloadRule: Int] = [:]
        for c in cases {
            let down = OverloadReplay.direction(from: c.previousKg, to: c.actualKg) == .down
            for kind in OverloadRules.fatigueTriggers(c.history, range: rules.repRange(c.history, goal: profile.goal)) {
                fired[kind, default: 0] += 1
                if down { wentDown[kind, default: 0] += 1 }
            }
        }
        return rules.calibration.deloadOn.filter { kind in
            let n = fired[kind] ?? 0
            return n < minimumFirings || 2 * (wentDown[kind] ?? 0) >= n
        }
    }
}
