import Foundation

/// Progressive-overload rules: a decision tree over one exercise's history *as logged* (each
/// variant its own history), with recovery modifiers, deloads on evidence and the lifter's own
/// load steps.
///
/// The tree, first match wins:
/// 1. poor recovery (7-day sleep < 6 h, last night < 6 h, soreness > 7 or a fatigue flag) → deload ~10%;
/// 2. a break from training of `calibration.breakDays` (14) days or more → start lighter in
///    proportion to the time off (5% + 2.5% a week, at most 30%; rotating exercises while still
///    training is not a break);
/// 3. evidence of fatigue — the last two sessions were near-maximal (RPE ≥ 9.5) and missed the
///    bottom of the rep range or lost reps at the same load, or the top set's e1RM fell twice in a
///    row while effort rose — → deload ~10%;
/// 4. the last session was lighter than the one before it (a light day or a deload) → back to that load;
/// 5. hardest working set at or below `calibration.increaseAtRPE` (RPE 8 by default) → add load;
/// 6. top of the rep range reached with a rep in reserve, or with no RPE logged (double
///    progression, every Strong export) → add load;
/// 7. near-maximal effort (RPE ≥ 9.5) → hold;
/// 8. stalled for 3 sessions → same load, add reps; 9. otherwise the same load, one more rep.
///
/// Then the lifter's own habit (`calibration.habit`, `ProgressionHabit`, learned from their
/// earlier transitions) may turn a hold of rules 5–9 into an increase, or an increase into a hold,
/// with the evidence in the reasons; the safety rules 1–4 are never changed.
///
/// There is no calendar deload: a lifter at RPE 9 for months who keeps progressing is not told to deload.
/// Loads step by the lifter's own observed increment for the exercise when the log shows one
/// (2 kg dumbbells, 5 kg stacks), else by their usual step across exercises at loads on the same
/// grid (`LoadSteps`), else by 2.5% (5% lower body) rounded to plates. A hold keeps the
/// exact last load. Bodyweight lifts progress by reps and never "deload" to 0 kg; assisted lifts
/// progress by taking assistance off.
public struct OverloadRules: Sendable {
    /// Kept for source compatibility; no longer used (deloads follow evidence, not the calendar).
    public var deloadAfterWeeks: Int
    /// Fraction taken off on a deload.
    public var deloadFraction: Double
    /// The lifter's thresholds (see `SuggestionOutcomes.calibrated`).
    public var calibration: OverloadCalibration
    /// Optional learned model blended into the load when rules say increase/hold/add reps.
    public var learnedModel: (any LearnedOverloadModel)?
    /// At most this share of the final load comes from the learned model.
    public var maxLearnedWeight: Double

    public init(deloadAfterWeeks: Int = 6, deloadFraction: Double = 0.10, calibration: OverloadCalibration = OverloadCalibration(),
                learnedModel: (any LearnedOverloadModel)? = nil, maxLearnedWeight: Double = 0.5) {
        self.deloadAfterWeeks = min(6, max(4, deloadAfterWeeks))
        self.deloadFraction = deloadFraction
        self.calibration = calibration
        self.learnedModel = learnedModel
        self.maxLearnedWeight = maxLearnedWeight
    }

    /// The next session's target for `exerciseId` given the user's features.
    public func suggest(exerciseId: String, features: TrainingFeatures, profile: UserProfile) throws -> OverloadSuggestion {
        guard let ex = features.progression(exerciseId), ex.last != nil else {
            throw CoachingError.noHistory(exercise: exerciseId)
        }
        return suggest(exercise: ex, recovery: features.recovery, hardWeeks: features.hardTrainingWeeks, profile: profile,
                       asOf: features.asOf, trainingBreakDays: features.daysSinceLastSession.map(Double.init))
    }

    /// The decision tree on one exercise's features. `trainingBreakDays` (days since the user's last
    /// session of anything) drives the return-after-a-break rule; when nil, the days from this
    /// exercise's last session to `asOf` stand in. `hardWeeks` is ignored (kept for source compatibility).
    public func suggest(exercise ex: ExerciseFeatures, recovery: RecoveryFeatures, hardWeeks: Int = 0,
                        profile: UserProfile, asOf: Date? = nil, trainingBreakDays: Double? = nil) -> OverloadSuggestion {
        suggest(exercise: ex, recovery: recovery, profile: profile, asOf: asOf, trainingBreakDays: trainingBreakDays, explain: true)
    }

    /// The decision tree; with `explain` false the reasons are left empty (a replay scores
    /// thousands of decisions and reads only the load, the reps and the rule, which do not depend on it).
    func suggest(exercise ex: ExerciseFeatures, recovery: RecoveryFeatures, profile: UserProfile, asOf: Date?,
                 trainingBreakDays: Double?, explain: Bool) -> OverloadSuggestion {
        let last = ex.last!
        let plates = profile.plates
        let unit = profile.units
        let range = repRange(ex, goal: profile.goal)
        let load = last.topSetWeightKg
        let effort = last.maxRPE ?? last.averageRPE
        let bodyweight = load <= 0
        // +1 adds load, −1 takes it off; assisted lifts are the other way round.
        let up: Double = ex.isAssisted ? -1 : 1
        var reasons: [String] = []
        func say(_ text: @autoclosure () -> String) { if explain { reasons.append(text()) } }
        func fmt(_ kg: Double) -> String { "\(format(plates.round(kilograms: kg))) \(unit.rawValue)" }
        var lastText: String {
            let rpeText = effort.map { "RPE \(format($0))" } ?? "no RPE logged"
            return bodyweight ? "last time: \(last.topSetReps) reps, \(rpeText)"
                              : "last time: \(fmt(load)) × \(last.topSetReps), \(rpeText)"
        }
        let recoveryProblems = Self.recoveryProblems(recovery)
        let daysOff = trainingBreakDays ?? asOf.map { $0.timeIntervalSince(last.date) / 86_400 } ?? 0
        let breakLoss = calibration.breakLoss(daysOff: daysOff)
        let workingLoad = Self.workingLoad(ex)

        var direction: OverloadDirection
        var rule: OverloadRule
        var targetKg = load
        var targetReps = last.topSetReps
        var exact = true   // keep targetKg as is (no plate rounding): holds and the lifter's own steps
        if !recoveryProblems.isEmpty {
            direction = .deload; rule = .poorRecovery
            targetKg = load * (1 - up * deloadFraction); exact = false
            targetReps = range.lowerBound
            say("Recovery is poor: " + recoveryProblems.joined(separator: "; ") + ".")
            say(recoveryProblems.count >= 2
                ? "Consider a rest day; if you train, take about 10% off and stop well short of failure — no PR attempts."
                : "Take about 10% off and keep every set at RPE 7 or below — no PR attempts.")
        } else if breakLoss > 0 {
            direction = .deload; rule = .returnAfterBreak
            targetKg = load * (1 - up * breakLoss); exact = false
            targetReps = range.lowerBound
            say("It has been \(Int(daysOff)) days since you last trained (\(lastText)): start about \(Int((breakLoss * 100).rounded()))% lighter and build back over a few sessions.")
        } else if let (why, evidence) = fatigueEvidence(ex, range: range) {
            direction = .deload; rule = evidence
            targetKg = load * (1 - up * deloadFraction); exact = false
            targetReps = range.lowerBound
            say("\(why) (\(lastText)): take about 10% off and rebuild.")
        } else if !bodyweight, let w = workingLoad, up * (w - load) > max(0.01 * w, 0.5) {
            direction = .increase; rule = .backToWorkingLoad
            targetKg = w
            say("The last session was lighter than your working load of \(fmt(w)) (\(lastText)): go back to it.")
        } else if let e = effort, e <= calibration.increaseAtRPE   // the threshold's only use: `SuggestionOutcomes.calibrated` relies on it
                    || (last.topSetReps >= max(range.upperBound, Self.typicalReps(ex) + 3) && e <= 9) {
            direction = .increase
            rule = e <= calibration.increaseAtRPE ? .veryEasy : .easyAtTopOfRange
            say(e <= calibration.increaseAtRPE
                ? "The hardest set was RPE \(format(e)), at or below your \(format(calibration.increaseAtRPE)) (\(lastText)): add load."
                : "You reached the top of the \(range.lowerBound)–\(range.upperBound) rep range at RPE \(format(e)): add load and start again at \(range.lowerBound) reps.")
        } else if effort == nil, last.topSetReps >= range.upperBound {
            direction = .increase; rule = .easyAtTopOfRange
            say("You reached the top of the \(range.lowerBound)–\(range.upperBound) rep range (\(lastText)): add load and start again at \(range.lowerBound) reps (double progression).")
        } else if let e = effort, e >= 9.5 {
            direction = .hold; rule = .highEffort
            say("Effort is already near-maximal (\(lastText)): keep the load and the reps until it feels easier.")
        } else if ex.isStalled {
            direction = .addReps; rule = .stalled
            targetReps = min(last.topSetReps + 1, max(range.upperBound, last.topSetReps))
            say("Progress has stalled over the last 3 sessions (\(lastText)): keep the load and add a rep per set before adding weight.")
        } else {
            rule = .progressing
            targetReps = min(last.topSetReps + 1, range.upperBound)
            direction = targetReps > last.topSetReps ? .addReps : .hold
            if direction == .hold { targetReps = last.topSetReps }
            say(effort == nil
                ? "No RPE was logged (\(lastText)): keep the load and add reps up to \(range.upperBound), then add load."
                : "Effort is moderate (\(lastText)): keep the load and aim for \(targetReps) reps.")
        }
        if let call = habitCall(ex, rule: rule, direction: direction, bodyweight: bodyweight, explain: explain) {
            direction = call.direction
            rule = call.direction == .increase ? .usualIncrease : .usualHold
            if call.direction == .hold { targetKg = load; targetReps = last.topSetReps; exact = true }
            reasons = explain ? [call.reason, "For reference, \(lastText)."] : []
        }
        if direction == .increase, rule != .backToWorkingLoad {
            if bodyweight {
                direction = .addReps
                targetReps = min(last.topSetReps + 2, max(range.upperBound, last.topSetReps + 1))
                say("Bodyweight: add reps, or add load with a belt or vest.")
            } else {
                let step = increment(ex, load: load, plates: plates)
                targetKg = max(0, load + up * step.kg); exact = step.source != .plates
                targetReps = range.lowerBound
                switch step.source {
                case .ownStep: say("Step: \(format(step.kg)) kg, the increment you usually take on this exercise.")
                case .usualStep: say("Step: \(format(step.kg)) kg, the increment you usually take at loads like this on your other exercises.")
                case .plates: say("Step: \(format(step.kg)) kg, the smallest sensible jump on your plates.")
                }
                if ex.isAssisted { say("Assisted: progress means less assistance.") }
            }
        }
        if bodyweight, direction == .deload {   // nothing to take off: fewer, cleaner reps instead
            direction = .hold; targetReps = max(1, min(last.topSetReps, range.lowerBound))
        }

        // Blend hook: learned load nudges non-safety decisions only.
        var confidence = baseConfidence(ex, effortKnown: effort != nil, rule: rule)
        if let model = learnedModel, direction != .deload, !bodyweight,
           let (mKg, mConf) = model.predictNextLoadKg(features: ex, recovery: recovery), mKg > 0 {
            let w = max(0, min(maxLearnedWeight, mConf * maxLearnedWeight))
            targetKg = min((1 - w) * targetKg + w * mKg, load * 1.10)  // never more than +10% in one step
            exact = false
            say("Blended with the learned model (weight \(format(w))).")
            confidence = min(1, confidence + 0.05 * mConf)
        }
        let weight = Self.userLoad(targetKg: targetKg, lastKg: load, direction: direction, exact: exact,
                                   bodyweight: bodyweight, assisted: ex.isAssisted, plates: plates)
        let allowPR = !(rule == .poorRecovery || rule == .returnAfterBreak || rule == .highEffort || OverloadRule.evidenceDeloads.contains(rule))
        if !allowPR { confidence = max(confidence, 0.7) }
        return OverloadSuggestion(
            exerciseId: ex.exerciseId, exerciseName: ex.name, loggedName: ex.loggedName, weight: weight, unit: unit,
            weightKg: exact && !bodyweight ? targetKg : unit.toKilograms(weight), repRange: range, targetReps: max(1, targetReps),
            direction: direction, rule: rule, confidence: (confidence * 100).rounded() / 100,
            allowPRAttempt: allowPR, reasons: reasons)
    }
}
