import Foundation

extension OverloadRules {
    /// The lifter's habit's call where the rules made a non-safety one (`ProgressionHabit.decides`):
    /// `.increase` where the rules hold and the habit says up, `.hold` where the rules add load and
    /// the habit says they usually keep it; nil to keep the rules' call. Never for bodyweight or
    /// assisted lifts, nor before the habit has seen enough of the lifter. With `explain` false
    /// the reason is empty (the call is the same).
    func habitCall(_ ex: ExerciseFeatures, rule: OverloadRule, direction: OverloadDirection,
                   bodyweight: Bool, explain: Bool = true) -> (direction: OverloadDirection, reason: String)? {
        guard let habit = calibration.habit, habit.isConfident, ProgressionHabit.decides.contains(rule),
              !bodyweight, !ex.isAssisted else { return nil }
        let p = habit.probabilityUp(ex)
        func why(_ lead: String, _ tail: String) -> String {
            guard explain else { return "" }
            let odds = "your log says up \(Int((p * 100).rounded()))% of the time in a spot like this"
            return lead + Self.habitEvidence(ProgressionHabit.evidence(ex)) + "; " + odds + tail
        }
        if direction != .increase, p > habit.upAbove {
            return (.increase, why("You usually add load here: ", "."))
        }
        if direction == .increase, p < habit.holdBelow {
            return (.hold, why("You usually keep the load here: ", ", so keep the load."))
        }
        return nil
    }

    /// The habit's evidence in the lifter's terms ("you usually add load after 2 sessions at a weight
    /// (this is session 2)", "last time, across your 3 sets at the top load the reps held").
    static func habitEvidence(_ e: ProgressionHabit.Evidence) -> String {
        var parts: [String] = []
        if let s = e.typicalSessionsBeforeIncrease {
            parts.append("on this exercise you usually add load after \(format(s)) session\(s == 1 ? "" : "s") at a weight (this would be session \(e.sessionsAtWeight + 1))")
        }
        if let r = e.typicalRepsAtIncrease { parts.append("typically once the top set reaches \(format(r)) reps") }
        if e.setsAtTopLoad >= 2 {
            let sets = "last time, across your \(e.setsAtTopLoad) sets at the top load"
            parts.append(e.repsChangeAtTopLoad >= 0 ? sets + (e.repsChangeAtTopLoad > 0 ? " the reps rose by \(e.repsChangeAtTopLoad)" : " the reps held")
                                                    : sets + " the reps fell by \(-e.repsChangeAtTopLoad)")
        }
        if parts.isEmpty { parts.append("you have not added load on this exercise yet in \(e.transitions) session\(e.transitions == 1 ? "" : "s")") }
        return parts.joined(separator: ", ")
    }
}
