import Foundation

/// Replays a log through an overload predictor with no future data: before each session, every
/// loaded exercise's next top set is predicted from that exercise's history as logged (only the
/// sessions before), then compared with what the lifter did.
///
/// A case needs a previous session of the same exercise (name as logged) and a loaded top set in
/// both. The lifter's direction: the new top-set load against the previous one, "up" or "down" when
/// it moved by more than 1% and at least 0.5 kg, else "hold"; a prediction's direction is read the
/// same way from its load, so rules and baselines are scored alike. A load is "exact" within 0.05 kg.
public struct OverloadReplay: Sendable {
    /// One comparison point.
    public struct Case: Sendable {
        public var sessionIndex: Int
        public var date: Date
        public var exercise: String
        /// The exercise's features from the sessions before this one.
        public var history: ExerciseFeatures
        /// What the lifter did: top-set load and reps.
        public var actualKg: Double
        public var actualReps: Int
        /// Days since the lifter's previous session of anything.
        public var trainingBreakDays: Double
        public var previousKg: Double { history.last!.topSetWeightKg }
    }

    /// The cases, oldest first.
    public let cases: [Case]
    /// Sessions in the log (sorted by date).
    public let sessionCount: Int

    /// Builds every case of `sessions` (any order); `exercises` (names as logged) limits the cases
    /// to those exercises (one exercise's outcomes for an overload response cost a fraction of the log's).
    public init(sessions unsorted: [WorkoutSession], exercises: Set<String>? = nil) {
        let sessions = unsorted.sorted { $0.date < $1.date }
        sessionCount = sessions.count
        // Per name as logged, that exercise's history so far, summarised as it comes: a case's
        // features cost one summary, not a pass over the sessions before it.
        var byName: [String: ExerciseFeatures.History] = [:]
        var out: [Case] = []
        for (i, s) in sessions.enumerated() {
            for e in s.exercises where exercises?.contains(e.loggedName) ?? true {
                guard let top = e.topSet else { continue }
                let name = e.loggedName
                if let before = byName[name], let actual = top.weightKg, actual > 0,
                   var f = before.features(), let prev = f.last, prev.topSetWeightKg > 0 {
                    f.loggedName = name
                    out.append(Case(sessionIndex: i, date: s.date, exercise: name, history: f, actualKg: actual, actualReps: top.reps,
                                    trainingBreakDays: s.date.timeIntervalSince(sessions[i - 1].date) / 86_400))
                }
            }
            for e in s.exercises where exercises?.contains(e.loggedName) ?? true {
                byName[e.loggedName, default: ExerciseFeatures.History(key: e.loggedName)].append(e, date: s.date)
            }
        }
        cases = out
    }

    /// Up / hold / down from `previous` to `next` kg (moved by > 1% and ≥ 0.5 kg).
    public static func direction(from previous: Double, to next: Double) -> CoarseDirection {
        let d = next - previous
        guard abs(d) > max(0.01 * previous, 0.5) else { return .hold }
        return d > 0 ? .up : .down
    }

    /// Scores a predictor (next top-set kg for a case) on the cases `where` selects.
    public func figures(_ name: String, where include: (Case) -> Bool = { _ in true },
                        predict: (Case) -> (kg: Double, rule: OverloadRule?)) -> OverloadFigures {
        var f = OverloadFigures(model: name)
        var perExercise: [String: OverloadFigures] = [:]
        for c in cases where include(c) {
            let p = predict(c)
            let did = Self.direction(from: c.previousKg, to: c.actualKg)
            let said = Self.direction(from: c.previousKg, to: p.kg)
            f.add(said: said, did: did, errorKg: abs(p.kg - c.actualKg), rule: p.rule)
            perExercise[c.exercise, default: OverloadFigures(model: c.exercise)].add(said: said, did: did, errorKg: abs(p.kg - c.actualKg), rule: p.rule)
        }
        f.perExercise = perExercise.values.sorted { $0.cases != $1.cases ? $0.cases > $1.cases : $0.model < $1.model }
        return f
    }

    /// The rules' prediction for a case (no check-ins in an export: recovery unknown).
    public static func rules(_ rules: OverloadRules, profile: UserProfile) -> (Case) -> (kg: Double, rule: OverloadRule?) {
        { c in
            let s = rules.suggest(exercise: c.history, recovery: .unknown, profile: profile, asOf: c.date,
                                  trainingBreakDays: c.trainingBreakDays, explain: false)
            return (s.direction == .hold || s.direction == .addReps ? c.previousKg : s.weightKg, s.rule)
        }
    }

    /// The rules as the daemon serves them: each case decided by `base` calibrated on every case of
    /// the sessions before it (`SuggestionOutcomes.calibrated`; the daemon refits when a session is
    /// logged), refitted every `every` sessions. No future data.
    public func rulesCalibratedOnline(_ base: OverloadRules, profile: UserProfile, every: Int = 1) -> (Case) -> (kg: Double, rule: OverloadRule?) {
        let fitter = SuggestionOutcomes(replay: self, profile: profile, rules: base, where: { _ in false })
        var fitted: [Int: (Case) -> (kg: Double, rule: OverloadRule?)] = [:]
        for start in stride(from: 0, to: sessionCount + every, by: every) {
            fitted[start] = Self.rules(fitter.calibrated(base, where: { $0.sessionIndex < start }), profile: profile)
        }
        return { c in fitted[c.sessionIndex / every * every]!(c) }
    }

    /// Baseline: repeat the last top set.
    public static func repeatLast(_ c: Case) -> (kg: Double, rule: OverloadRule?) { (c.previousKg, nil) }

    /// Baseline: the last top set plus the smallest increment (1.25 kg) when its hardest set was at RPE ≤ 8.
    public static func lastPlusIncrementIfEasy(_ c: Case) -> (kg: Double, rule: OverloadRule?) {
        let last = c.history.last!
        if let e = last.maxRPE ?? last.averageRPE, e <= 8 { return (c.previousKg + 1.25, nil) }
        return (c.previousKg, nil)
    }
}

/// Agreement figures of one model (overall or for one exercise).
public struct OverloadFigures: Sendable {
    public var model: String
    public var cases = 0
    public var agreed = 0
    public var exact = 0
    public var absoluteErrorKg = 0.0
    /// counts[said][did].
    public var confusion: [CoarseDirection: [CoarseDirection: Int]] = [:]
    /// Suggestions per deciding rule (rules only).
    public var rules: [OverloadRule: Int] = [:]
    /// The unwanted deloads (said "down", the lifter did not go down) per deciding rule: what
    /// triggered them (an assisted lift's added assistance counts under its rule too).
    public var unwantedDeloadsByRule: [OverloadRule: Int] = [:]
    /// Agreements per deciding rule (with `rules`, each rule's own agreement).
    public var agreedByRule: [OverloadRule: Int] = [:]
    /// Exact loads per deciding rule.
    public var exactByRule: [OverloadRule: Int] = [:]
    public var perExercise: [OverloadFigures] = []

    public init(model: String) { self.model = model }

    public var directionAgreement: Double { cases == 0 ? 0 : Double(agreed) / Double(cases) }
    public var meanAbsoluteErrorKg: Double { cases == 0 ? 0 : absoluteErrorKg / Double(cases) }
    public var exactShare: Double { cases == 0 ? 0 : Double(exact) / Double(cases) }
    /// Suggested "down" where the lifter did not go down.
    public var unwantedDeloads: Int { (confusion[.down]?[.up] ?? 0) + (confusion[.down]?[.hold] ?? 0) }

    mutating func add(said: CoarseDirection, did: CoarseDirection, errorKg: Double, rule: OverloadRule?) {
        cases += 1
        if said == did { agreed += 1 }
        if errorKg < 0.05 { exact += 1 }
        absoluteErrorKg += errorKg
        confusion[said, default: [:]][did, default: 0] += 1
        if let rule {
            rules[rule, default: 0] += 1
            if said == did { agreedByRule[rule, default: 0] += 1 }
            if errorKg < 0.05 { exactByRule[rule, default: 0] += 1 }
            if said == .down, did != .down { unwantedDeloadsByRule[rule, default: 0] += 1 }
        }
    }
}
