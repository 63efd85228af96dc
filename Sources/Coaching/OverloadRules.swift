import Foundation

/// Progressive-overload rules: a decision tree over an exercise's recent sessions with recovery
/// modifiers and periodic deloads.
///
/// The tree, first match wins:
/// 1. poor recovery (7-day sleep < 6 h, last night < 6 h, soreness > 7 or a fatigue flag) → deload ~10%;
/// 2. every `deloadAfterWeeks` + 1-th week of an unbroken run of hard weeks → scheduled deload ~10%
///    (once per cycle: a lifter who skips it is not told to deload every session after);
/// 3. last session's mean working RPE ≥ 9.5 and the top set fell below the rep range or its e1RM
///    dropped ≥ 2.5% → deload ~10%; mean RPE ≥ 9.5 otherwise → hold;
/// 4. mean RPE < 7 → increase load; top of the rep range reached with a rep in reserve
///    (mean RPE ≤ 9) → increase load (double progression);
/// 5. stalled for 3 sessions → same load, add reps (toward the top of the range);
/// 6. otherwise hold the load and aim for one more rep.
public struct OverloadRules: Sendable {
    /// Hard weeks before a scheduled deload (4–6).
    public var deloadAfterWeeks: Int
    /// Fraction taken off on a deload.
    public var deloadFraction: Double
    /// Optional learned model blended into the load when rules say increase/hold/add reps.
    public var learnedModel: (any LearnedOverloadModel)?
    /// At most this share of the final load comes from the learned model.
    public var maxLearnedWeight: Double

    public init(deloadAfterWeeks: Int = 6, deloadFraction: Double = 0.10,
                learnedModel: (any LearnedOverloadModel)? = nil, maxLearnedWeight: Double = 0.5) {
        self.deloadAfterWeeks = min(6, max(4, deloadAfterWeeks))
        self.deloadFraction = deloadFraction
        self.learnedModel = learnedModel
        self.maxLearnedWeight = maxLearnedWeight
    }

    /// The next session's target for `exerciseId` given the user's features.
    public func suggest(exerciseId: String, features: TrainingFeatures, profile: UserProfile) throws -> OverloadSuggestion {
        guard let ex = features.exercises[exerciseId], ex.last != nil else {
            throw CoachingError.noHistory(exercise: exerciseId)
        }
        return suggest(exercise: ex, recovery: features.recovery, hardWeeks: features.hardTrainingWeeks, profile: profile)
    }

    /// The decision tree on one exercise's features.
    public func suggest(exercise ex: ExerciseFeatures, recovery: RecoveryFeatures, hardWeeks: Int,
                        profile: UserProfile) -> OverloadSuggestion {
        let last = ex.last!
        let plates = profile.plates
        let unit = profile.units
        let range = repRange(ex, goal: profile.goal)
        let load = last.topSetWeightKg
        let effort = last.averageRPE
        let bodyweight = load <= 0
        var reasons: [String] = []
        func fmt(_ kg: Double) -> String { "\(format(plates.round(kilograms: kg))) \(unit.rawValue)" }
        let rpeText = effort.map { "average RPE \(format($0))" } ?? "no RPE logged"
        let lastText = bodyweight ? "last time: \(last.topSetReps) reps, \(rpeText)"
                                  : "last time: \(fmt(load)) × \(last.topSetReps), \(rpeText)"

        // Recovery modifiers.
        var recoveryProblems: [String] = []
        if let s = recovery.sleepHours7d, s < 6 { recoveryProblems.append("sleep has averaged \(format(s)) h this week (under 6 h)") }
        else if let s = recovery.lastSleepHours, s < 6 { recoveryProblems.append("you slept \(format(s)) h last night (under 6 h)") }
        if let s = recovery.lastSoreness ?? recovery.soreness7d, s > 7 { recoveryProblems.append("soreness is \(format(s))/10 (above 7)") }
        if recovery.fatigued { recoveryProblems.append("you reported feeling fatigued") }

        var direction: OverloadDirection
        var rule: OverloadRule
        var targetKg = load
        var targetReps = last.topSetReps
        if !recoveryProblems.isEmpty {
            direction = .deload; rule = .poorRecovery
            targetKg = load * (1 - deloadFraction)
            targetReps = range.lowerBound
            reasons.append("Recovery is poor: " + recoveryProblems.joined(separator: "; ") + ".")
            if recoveryProblems.count >= 2 {
                reasons.append("Consider a rest day; if you train, take about 10% off and stop well short of failure — no PR attempts.")
            } else {
                reasons.append("Take about 10% off and keep every set at RPE 7 or below — no PR attempts.")
            }
        } else if hardWeeks % (deloadAfterWeeks + 1) == deloadAfterWeeks {
            direction = .deload; rule = .scheduledDeload
            targetKg = load * (1 - deloadFraction)
            targetReps = range.lowerBound
            reasons.append("You have trained hard for \(hardWeeks) weeks in a row; a deload week every 4–6 weeks lets fatigue clear. Take about 10% off this week.")
        } else if let e = effort, e >= 9.5, last.topSetReps < range.lowerBound || performanceDropped(ex) {
            direction = .deload; rule = .highEffort
            targetKg = load * (1 - deloadFraction)
            targetReps = range.lowerBound
            reasons.append("The last session was near-maximal (\(lastText)) and " + (last.topSetReps < range.lowerBound ? "fell below \(range.lowerBound) reps" : "performance dropped from the session before") + ": take about 10% off and rebuild.")
        } else if let e = effort, e >= 9.5 {
            direction = .hold; rule = .highEffort
            reasons.append("Effort is already near-maximal (\(lastText)): keep the load and the reps until it feels easier.")
        } else if let e = effort, e < 7 || (last.topSetReps >= range.upperBound && e <= 9) {
            direction = .increase
            rule = e < 7 ? .veryEasy : .easyAtTopOfRange
            if bodyweight {
                direction = .addReps
                targetReps = min(last.topSetReps + 2, max(range.upperBound, last.topSetReps + 1))
                reasons.append("Sets were easy (\(lastText)): add reps, or add load with a belt or vest.")
            } else {
                let pct = ex.primaryMuscles.contains(where: \.isLowerBody) ? 0.05 : 0.025
                let stepKg = unit.toKilograms(plates.step)
                targetKg = load + max(load * pct, stepKg)
                targetReps = range.lowerBound
                reasons.append(e < 7 ? "Sets were easy (\(lastText)): add load."
                                     : "You reached the top of the \(range.lowerBound)–\(range.upperBound) rep range at RPE \(format(e)): add load and start again at \(range.lowerBound) reps.")
            }
        } else if ex.isStalled {
            direction = .addReps; rule = .stalled
            targetReps = min(last.topSetReps + 1, max(range.upperBound, last.topSetReps))
            reasons.append("Progress has stalled over the last 3 sessions (\(lastText)): keep the load and add a rep per set before adding weight.")
        } else {
            direction = effort == nil ? .hold : .addReps
            rule = .progressing
            targetReps = min(last.topSetReps + (effort == nil ? 0 : 1), range.upperBound)
            if targetReps <= last.topSetReps { direction = .hold; targetReps = last.topSetReps }
            reasons.append(effort == nil ? "No RPE was logged (\(lastText)): hold the load until the sets feel easier (log RPE to get firmer advice)."
                                         : "Effort is moderate (\(lastText)): hold the load and aim for \(targetReps) reps.")
        }

        // Blend hook: learned load nudges non-safety decisions only.
        var confidence = baseConfidence(ex, effortKnown: effort != nil, rule: rule)
        if let model = learnedModel, direction != .deload, !bodyweight,
           let (mKg, mConf) = model.predictNextLoadKg(features: ex, recovery: recovery), mKg > 0 {
            let w = max(0, min(maxLearnedWeight, mConf * maxLearnedWeight))
            let blended = (1 - w) * targetKg + w * mKg
            targetKg = min(blended, load * 1.10)  // never more than +10% in one step
            reasons.append("Blended with the learned model (weight \(format(w))).")
            confidence = min(1, confidence + 0.05 * mConf)
        }

        let rounded: Double
        if bodyweight { rounded = 0 }
        else if direction == .deload { rounded = plates.roundDown(kilograms: targetKg) }
        else if direction == .increase {
            // Rounding must not erase the increase.
            let r = plates.round(kilograms: targetKg)
            rounded = r <= plates.round(kilograms: load) ? plates.round(kilograms: load) + plates.step : r
        } else { rounded = plates.round(kilograms: load) }
        let allowPR = !(rule == .poorRecovery || rule == .scheduledDeload || rule == .highEffort)
        if !allowPR { confidence = max(confidence, 0.7) }
        return OverloadSuggestion(
            exerciseId: ex.exerciseId, exerciseName: ex.name, weight: rounded, unit: unit,
            weightKg: unit.toKilograms(rounded), repRange: range, targetReps: max(1, targetReps),
            direction: direction, rule: rule, confidence: (confidence * 100).rounded() / 100,
            allowPRAttempt: allowPR, reasons: reasons)
    }

    /// The goal's rep range, unless the lifter clearly works in another: then a range of ±2 around
    /// their median working reps over the recent sessions.
    func repRange(_ ex: ExerciseFeatures, goal: TrainingGoal) -> ClosedRange<Int> {
        let goalRange = goal.defaultRepRange
        let reps = ex.recent.flatMap(\.workingReps).sorted()
        guard !reps.isEmpty else { return goalRange }
        let median = reps[reps.count / 2]
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
