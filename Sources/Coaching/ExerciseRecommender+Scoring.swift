import Foundation

/// Per-request state shared by every exercise's score (computed once per `recommend` call).
/// Muscle tables are arrays indexed by `Muscle.ordinal`.
struct ScoringContext {
    let profile: UserProfile
    /// Per muscle: 0 (weekly target met) … its size weight (untrained this week; 1 for large muscles).
    let deficit: [Double]
    /// Per muscle: 0 (just trained) … 1 (≥72 h or never).
    let readiness: [Double]
    /// Share of the user's logged sets (30 days) on each muscle: their habits.
    let habit: [Double]
    /// Recovery multiplier from check-ins (poor sleep, high soreness or fatigue lower it).
    let recoveryFactor: Double
    let counts: [String: Int]
    let lastDone: [String: Date]
    let asOf: Date
    /// The equipment of most logged exercises (when the log's ids are catalog ids).
    let usualEquipment: String?
    let focus: Set<Int>
    let coldStart: Bool

    /// The six components.
    struct Scores {
        var balance: Double, recovery: Double, preference: Double, goal: Double, experience: Double, novelty: Double
        var total: Double { balance + recovery + preference + goal + experience + novelty }
    }

    init(profile: UserProfile, features: TrainingFeatures?, catalogEquipment: [String: String] = [:]) {
        self.profile = profile
        asOf = features?.asOf ?? Date()
        let n = Muscle.allCases.count
        var deficit = [Double](repeating: 1, count: n), readiness = [Double](repeating: 1, count: n)
        var habit = [Double](repeating: 0, count: n)
        let total30 = features?.muscles30d.values.reduce(0) { $0 + $1.sets } ?? 0
        for m in Muscle.allCases {
            let i = m.ordinal
            // Weighted by the muscle's share of a balanced week (its target ÷ 10 sets, at most 1):
            // a small muscle's unmet 2-set target cannot outweigh a large one's (neck ≤ 6 of 30 points).
            deficit[i] = max(0, 1 - (features?.muscles7d[m]?.sets ?? 0) / m.weeklyTargetSets) * min(1, m.weeklyTargetSets / 10)
            if let last = features?.muscles30d[m]?.lastTrained {
                readiness[i] = min(1, max(0, asOf.timeIntervalSince(last) / (72 * 3600)))
            }
            if total30 > 0 { habit[i] = (features?.muscles30d[m]?.sets ?? 0) / total30 }
        }
        self.deficit = deficit; self.readiness = readiness; self.habit = habit
        var f = 1.0
        if let r = features?.recovery {
            if let s = r.sleepHours7d ?? r.lastSleepHours, s < 6 { f *= 0.7 }
            if let s = r.lastSoreness ?? r.soreness7d, s > 7 { f *= 0.7 }
            if r.fatigued { f *= 0.7 }
        }
        recoveryFactor = f
        counts = features?.exerciseCounts ?? [:]
        lastDone = features?.exerciseLastDone ?? [:]
        var eqCounts: [String: Int] = [:]
        for (id, c) in counts { if let eq = catalogEquipment[id] { eqCounts[eq, default: 0] += c } }
        usualEquipment = eqCounts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        focus = Set(profile.focusMuscles.map(\.ordinal))
        coldStart = counts.isEmpty
    }

    /// Mean of `table` over primary (weight 1) and secondary (weight ½) muscles.
    @inline(__always)
    func weighted(_ x: ExerciseRecommender.Entry, _ table: [Double]) -> Double {
        var s = 0.0, w = 0.0
        for m in x.primary { s += table[m]; w += 1 }
        for m in x.secondary { s += 0.5 * table[m]; w += 0.5 }
        return w > 0 ? s / w : 0
    }

    func scores(_ e: CatalogExercise, _ x: ExerciseRecommender.Entry) -> Scores {
        // Muscle balance 0–30 (stretching counts for little toward weekly volume).
        let balance = 30 * weighted(x, deficit) * (e.category == "stretching" ? 0.4 : 1)
        // Recovery 0–20.
        let recovery = 20 * weighted(x, readiness) * recoveryFactor
        // Preference 0–20: base 8; habits (share of recent sets on the primary muscles) up to +8;
        // usual equipment +2; done often +2; focus muscles +6; liked = 20.
        var pref = 8.0
        if profile.likedExercises.contains(e.id) { pref = 20 } else {
            if x.primary.contains(where: focus.contains) { pref += 6 }
            let h = x.primary.map { habit[$0] }.max() ?? 0
            pref += min(8, h * 40)
            if let eq = e.equipment, eq == usualEquipment { pref += 2 }
            if !coldStart, (counts[e.id] ?? 0) >= 3 { pref += 2 }
            pref = min(20, pref)
        }
        // Goal 0–15, experience 0–10, novelty 0–5.
        let goal = Self.goalAlignment(e, goal: profile.goal)
        let gap = e.level.rawValue - profile.experience.rawValue
        let experience: Double = gap == 0 ? 10 : gap == -1 ? 7 : gap == 1 ? 4 : gap < 0 ? 4 : 0
        var novelty = 5.0
        if !coldStart, let last = lastDone[e.id] { novelty = asOf.timeIntervalSince(last) > 30 * 86_400 ? 3 : 0 }
        return Scores(balance: balance, recovery: recovery, preference: pref, goal: goal, experience: experience, novelty: novelty)
    }

    /// The scored exercise with its reasons in words (written only for the exercises returned).
    func recommendation(_ e: CatalogExercise, _ x: ExerciseRecommender.Entry, _ s: Scores) -> ExerciseRecommendation {
        var reasons: [String] = []
        let primary = e.primaryMuscles.map(\.rawValue).joined(separator: ", ")
        if s.balance >= 20 { reasons.append("\(primary) \(coldStart ? "fit a balanced start" : "got little work this week")") }
        if s.recovery < 10 { reasons.append("\(primary) trained recently") }
        if profile.likedExercises.contains(e.id) { reasons.append("you like it") }
        if x.primary.contains(where: focus.contains) { reasons.append("targets your focus muscles") }
        if (x.primary.map { habit[$0] }.max() ?? 0) >= 0.15 { reasons.append("trains muscles you work on most") }
        if s.goal >= 12 { reasons.append("fits your \(profile.goal.rawValue.replacingOccurrences(of: "_", with: " ")) goal") }
        if s.experience == 10 { reasons.append("matches your \(profile.experience) level") }
        else if e.level > profile.experience { reasons.append("is a step above your level") }
        if s.novelty == 5 && !coldStart { reasons.append("new to you") }
        return ExerciseRecommendation(exercise: e, score: (s.total * 100).rounded() / 100,
                                      muscleBalance: s.balance, recovery: s.recovery, preference: s.preference,
                                      goalAlignment: s.goal, experienceMatch: s.experience, novelty: s.novelty, reasons: reasons)
    }

    static func goalAlignment(_ e: CatalogExercise, goal: TrainingGoal) -> Double {
        let compound = e.mechanic == "compound"
        switch (goal, e.category) {
        case (.strength, "powerlifting"): return 15
        case (.strength, "strength"), (.strength, "olympic weightlifting"), (.strength, "strongman"):
            return compound ? (e.equipment == "barbell" ? 15 : 12) : 7
        case (.hypertrophy, "strength"): return compound ? 14 : 15
        case (.hypertrophy, "powerlifting"): return 11
        case (.weightLoss, "cardio"), (.weightLoss, "plyometrics"), (.endurance, "cardio"): return 15
        case (.endurance, "plyometrics"): return 12
        case (.weightLoss, "strength"), (.endurance, "strength"): return compound ? 11 : 7
        case (.generalFitness, "strength"): return compound ? 14 : 10
        case (.generalFitness, "cardio"), (.generalFitness, "plyometrics"), (.generalFitness, "stretching"): return 11
        case (_, "stretching"): return 4
        default: return 6
        }
    }
}
