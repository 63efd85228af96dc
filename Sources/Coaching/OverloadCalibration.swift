/// The per-lifter thresholds of `OverloadRules`. Defaults are textbook values; `SuggestionOutcomes`
/// refits `increaseAtRPE` from how this lifter actually progressed (the log is the feedback).
public struct OverloadCalibration: Sendable, Hashable {
    /// Add load when the last session's hardest working set was at or below this RPE (≥ 2 reps in reserve at 8).
    public var increaseAtRPE: Double
    /// Days without any training after which the next session starts lighter.
    public var breakDays: Int
    /// Load taken off per week of the break beyond the first `breakDays` days.
    public var lossPerWeekOff: Double
    /// The most a break takes off.
    public var maxBreakLoss: Double
    /// The fatigue evidence this lifter deloads on (`OverloadRule.evidenceDeloads`; all by
    /// default, the textbook). `SuggestionOutcomes.calibrated` turns a kind off when the lifter's
    /// own log shows they do not deload after it (a lifter who trains to failure and keeps
    /// progressing): their own deload rhythm, not the calendar.
    public var deloadOn: Set<OverloadRule> = Set(OverloadRule.evidenceDeloads)
    /// How this lifter progresses, learned from their own earlier transitions (nil: the rules alone).
    /// Decides between hold and up where the rules make a non-safety call.
    public var habit: ProgressionHabit? = nil
    /// The lifter's usual load step across their exercises (`LoadSteps`), learned from their own
    /// increases: the step for an exercise they have not added load on yet (nil: plates).
    public var usualSteps: LoadSteps? = nil
    /// Deload when two near-maximal sessions in a row lost reps at the same load (e1RM −2.5%).
    public var deloadWhenRepsFall: Bool {
        get { deloadOn.contains(.repsFell) }
        set { if newValue { deloadOn.insert(.repsFell) } else { deloadOn.remove(.repsFell) } }
    }

    public init(increaseAtRPE: Double = 8, breakDays: Int = 14, lossPerWeekOff: Double = 0.025, maxBreakLoss: Double = 0.3) {
        self.increaseAtRPE = increaseAtRPE; self.breakDays = breakDays
        self.lossPerWeekOff = lossPerWeekOff; self.maxBreakLoss = maxBreakLoss
    }

    /// Fraction of the last load to take off after `daysOff` days without the exercise (0 below `breakDays`).
    public func breakLoss(daysOff: Double) -> Double {
        guard daysOff >= Double(breakDays) else { return 0 }
        let weeks = (daysOff - Double(breakDays)) / 7 + 1
        return min(maxBreakLoss, lossPerWeekOff * weeks + 0.05)
    }
}
