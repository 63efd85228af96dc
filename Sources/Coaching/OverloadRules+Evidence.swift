import Foundation

extension OverloadRules {
    /// What is wrong with recovery, in words (empty when nothing is).
    static func recoveryProblems(_ r: RecoveryFeatures) -> [String] {
        var p: [String] = []
        if let s = r.sleepHours7d, s < 6 { p.append("sleep has averaged \(format(s)) h this week (under 6 h)") }
        else if let s = r.lastSleepHours, s < 6 { p.append("you slept \(format(s)) h last night (under 6 h)") }
        if let s = r.lastSoreness ?? r.soreness7d, s > 7 { p.append("soreness is \(format(s))/10 (above 7)") }
        if r.fatigued { p.append("you reported feeling fatigued") }
        return p
    }

    /// Evidence that fatigue has built up, in words, with the rule it fired, or nil. Needs two
    /// sessions: one hard day is not a trend. Each kind fires only while the lifter's calibration
    /// keeps it on (`OverloadCalibration.deloadOn`: off for a lifter whose own log shows they do
    /// not deload after it).
    /// - missed reps: the last two sessions were near-maximal (RPE ≥ 9.5) and fell below the range at
    ///   no lighter a load;
    /// - reps fell: two near-maximal sessions lost reps at the same load with the e1RM down 2.5%;
    /// - RPE drift: the top set's e1RM fell in each of the last two sessions while effort rose (3 sessions).
    func fatigueEvidence(_ ex: ExerciseFeatures, range: ClosedRange<Int>) -> (why: String, rule: OverloadRule)? {
        guard let kind = Self.fatigueTriggers(ex, range: range).first(where: calibration.deloadOn.contains) else { return nil }
        switch kind {
        case .missedReps: return ("The last two sessions were near-maximal and missed \(range.lowerBound) reps", kind)
        case .repsFell: return ("Two near-maximal sessions in a row and the reps fell at the same load", kind)
        default: return ("Your estimated max fell two sessions running while effort rose", kind)
        }
    }

    /// The fatigue evidence the history shows (in the order missed reps, reps fell, effort drift),
    /// whatever the calibration.
    static func fatigueTriggers(_ ex: ExerciseFeatures, range: ClosedRange<Int>) -> [OverloadRule] {
        guard ex.recent.count >= 2, ex.last!.topSetWeightKg > 0 else { return [] }
        var out: [OverloadRule] = []
        let r = Array(ex.recent.suffix(3))
        let (a, b, c) = (r[0], r[r.count - 2], r[r.count - 1])
        let hard = { (s: ExerciseSessionSummary) in (s.maxRPE ?? s.averageRPE ?? 0) >= 9.5 }
        if hard(b), hard(c), b.topSetReps < range.lowerBound, c.topSetReps < range.lowerBound,
           c.topSetWeightKg >= b.topSetWeightKg {
            out.append(.missedReps)
        }
        if hard(b), hard(c), c.topSetWeightKg >= b.topSetWeightKg, c.topSetReps < b.topSetReps, c.e1RM < b.e1RM * 0.975 {
            out.append(.repsFell)
        }
        if r.count == 3, let eb = b.maxRPE ?? b.averageRPE, let ec = c.maxRPE ?? c.averageRPE, let ea = a.maxRPE ?? a.averageRPE,
           ec > eb, eb > ea, c.e1RM < b.e1RM * 0.985, b.e1RM < a.e1RM * 0.985 {
            out.append(.effortDrift)
        }
        return out
    }

    /// The lifter's working load before the last session when the last one was lighter (a light
    /// day, a deload, a bad day): the load of the session before it (where the lifter comes back
    /// to), else nil. A collapse to under half the load reads as a change of variant, not a light day.
    /// (The session before, not the heavier of the two before: chosen on the first half of the
    /// shared Hevy export, where it matched the load lifted more often.)
    static func workingLoad(_ ex: ExerciseFeatures) -> Double? {
        let h = ex.loadHistory
        guard h.count >= 2 else { return nil }
        let last = h[h.count - 1], prev = h[h.count - 2]
        guard last > 0, prev > 0 else { return nil }
        if ex.isAssisted {
            return OverloadReplay.direction(from: prev, to: last) == .up && last <= 2 * prev ? prev : nil
        }
        return OverloadReplay.direction(from: prev, to: last) == .down && last >= 0.5 * prev ? prev : nil
    }

    /// Where a load step comes from.
    enum StepSource { case ownStep, usualStep, plates }

    /// The load step: the lifter's own for this exercise when the log shows one, else their usual
    /// step across exercises for a load on this grid (`OverloadCalibration.usualSteps`), else 2.5%
    /// (5% lower body) rounded to plates (at least one plate step).
    func increment(_ ex: ExerciseFeatures, load: Double, plates: PlateRounding) -> (kg: Double, source: StepSource) {
        if let s = ex.observedIncrementKg, s > 0 { return (s, .ownStep) }
        if let s = calibration.usualSteps?.step(fromKg: load), s > 0 { return (s, .usualStep) }
        let pct = ex.primaryMuscles.contains(where: \.isLowerBody) ? 0.05 : 0.025
        let stepKg = plates.unit.toKilograms(plates.step)
        return (max(load * pct, stepKg), .plates)
    }

    /// The target in the user's unit: exact targets (holds, the lifter's own steps) converted as
    /// they are; others rounded to plates (deloads down, increases never rounded away).
    static func userLoad(targetKg: Double, lastKg: Double, direction: OverloadDirection, exact: Bool,
                         bodyweight: Bool, assisted: Bool, plates: PlateRounding) -> Double {
        if bodyweight { return 0 }
        let unit = plates.unit
        if exact { return (unit.fromKilograms(targetKg) * 1000).rounded() / 1000 }
        let lastUser = unit.fromKilograms(lastKg)
        switch direction {
        case .deload:
            return assisted ? plates.round(kilograms: targetKg) : plates.roundDown(kilograms: targetKg)
        case .increase:
            let r = plates.round(kilograms: targetKg)
            if assisted { return r >= lastUser - 1e-9 ? max(0, lastUser - plates.step) : r }
            return r <= lastUser + 1e-9 ? plates.round(kilograms: lastKg) + plates.step : r
        case .hold, .addReps:
            return (lastUser * 1000).rounded() / 1000
        }
    }

    /// The goal's rep range, unless the lifter clearly works in another: then a range of ±2 around
    /// their median working reps over the recent sessions.
    func repRange(_ ex: ExerciseFeatures, goal: TrainingGoal) -> ClosedRange<Int> {
        let goalRange = goal.defaultRepRange
        guard let median = ex.recentMedianWorkingReps else { return goalRange }
        if goalRange.contains(median) { return goalRange }
        return max(1, median - 2)...(median + 2)
    }

    /// The top set's e1RM fell by 2.5% or more against the session before.
    func performanceDropped(_ ex: ExerciseFeatures) -> Bool {
        guard ex.recent.count >= 2 else { return false }
        let prev = ex.recent[ex.recent.count - 2].e1RM, now = ex.recent[ex.recent.count - 1].e1RM
        return prev > 0 && now < prev * 0.975
    }

    func baseConfidence(_ ex: ExerciseFeatures, effortKnown: Bool, rule: OverloadRule) -> Double {
        var c = 0.45 + 0.07 * Double(min(ex.recent.count, 5))
        if !effortKnown { c -= 0.2 }
        if rule == .progressing { c -= 0.05 }
        return max(0.2, min(0.95, c))
    }
}

func format(_ x: Double) -> String {
    let r = (x * 100).rounded() / 100
    if r == r.rounded() { return String(Int(r)) }
    return String(r)
}

extension OverloadRules {
    /// The median top-set reps over the recent sessions.
    static func typicalReps(_ ex: ExerciseFeatures) -> Int {
        let r = ex.recent.map(\.topSetReps).sorted()
        return r.isEmpty ? 0 : r[r.count / 2]
    }
}
