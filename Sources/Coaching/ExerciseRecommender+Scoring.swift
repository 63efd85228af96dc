import Foundation

/// Per-request state shared by every exercise's score (computed once per `recommend` call).
struct ScoringContext {
    let profile: UserProfile
    /// Per muscle: 0 (weekly target met) … 1 (untrained this week).
    let deficit: [Muscle: Double]
    /// Per muscle: 0 (just trained) … 1 (≥72 h or never).
    let readiness: [Muscle: Double]
    /// Recovery multiplier from check-ins (poor sleep or high soreness lower it).
    let recoveryFactor: Double
    /// Share of the user's logged sets on each muscle (their habits).
    let habit: [Muscle: Double]
    let counts: [String: Int]
    let lastDone: [String: Date]
    let asOf: Date
    /// The equipment of most logged exercises (when the log's ids are catalog ids).
    let usualEquipment: String?

    init(profile: UserProfile, features: TrainingFeatures?, catalogEquipment: [String: String] = [:]) {
        self.profile = profile
        asOf = features?.asOf ?? Date()
        var deficit: [Muscle: Double] = [:], readiness: [Muscle: Double] = [:], habit: [Muscle: Double] = [:]
        let total30 = features?.muscles30d.values.reduce(0) { $0 + $1.sets } ?? 0
        for m in Muscle.allCases {
            let done = features?.muscles7d[m]?.sets ?? 0
            deficit[m] = max(0, 1 - done / m.weeklyTargetSets)
            if let last = features?.muscles30d[m]?.lastTrained {
                readiness[m] = min(1, max(0, asOf.timeIntervalSince(last) / (72 * 3600)))
            } else { readiness[m] = 1 }
            habit[m] = total30 > 0 ? (features?.muscles30d[m]?.sets ?? 0) / total30 : 0
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
        for (id, n) in counts { if let eq = catalogEquipment[id] { eqCounts[eq, default: 0] += n } }
        usualEquipment = eqCounts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }

    /// Mean of `table` over primary (weight 1) and secondary (weight ½) muscles.
    func weighted(_ e: CatalogExercise, _ table: [Muscle: Double]) -> Double {
        var s = 0.0, w = 0.0
        for m in e.primaryMuscles { s += table[m] ?? 0; w += 1 }
        for m in e.secondaryMuscles { s += 0.5 * (table[m] ?? 0); w += 0.5 }
        return w > 0 ? s / w : 0
    }

    func score(_ e: CatalogExercise) -> ExerciseRecommendation {
        var reasons: [String] = []
        let primary = e.primaryMuscles.map(\.rawValue).joined(separator: ", ")
        // Muscle balance 0–30 (stretching counts for little toward weekly volume).
        let balanceShare = e.category == "stretching" ? 0.4 : 1.0
        let balance = 30 * weighted(e, deficit) * balanceShare
        if balance >= 20 { reasons.append("\(primary) \(counts.isEmpty ? "fit a balanced start" : "got little work this week")") }
        // Recovery 0–20.
        let recovery = 20 * weighted(e, readiness) * recoveryFactor
        if recovery < 10 { reasons.append("\(primary) trained recently") }
        // Preference 0–20.
        // Base 8; the user's habits (share of recent sets on the exercise's primary muscles) up to
        // +8; their usual equipment +2; done often +2; focus muscles +6; liked = 20.
        var pref = 8.0
        if profile.likedExercises.contains(e.id) { pref = 20; reasons.append("you like it") }
        else {
            if !profile.focusMuscles.isDisjoint(with: e.primaryMuscles) { pref += 6; reasons.append("targets your focus muscles") }
            let h = e.primaryMuscles.map { habit[$0] ?? 0 }.max() ?? 0
            pref += min(8, h * 40)
            if h >= 0.15 { reasons.append("trains muscles you work on most") }
            if let eq = e.equipment, eq == usualEquipment { pref += 2 }
            if (counts[e.id] ?? 0) >= 3 { pref += 2 }
        }
        pref = min(20, pref)
        // Goal alignment 0–15.
        let goal = Self.goalAlignment(e, goal: profile.goal)
        if goal >= 12 { reasons.append("fits your \(profile.goal.rawValue.replacingOccurrences(of: "_", with: " ")) goal") }
        // Experience 0–10.
        let gap = e.level.rawValue - profile.experience.rawValue
        let experience: Double = gap == 0 ? 10 : gap == -1 ? 7 : gap == 1 ? 4 : gap < 0 ? 4 : 0
        if gap > 0 { reasons.append("is a step above your level") }
        // Novelty 0–5.
        let novelty: Double
        if let last = lastDone[e.id] {
            novelty = asOf.timeIntervalSince(last) > 30 * 86_400 ? 3 : 0
        } else { novelty = 5 }
        let total = balance + recovery + pref + goal + experience + novelty
        return ExerciseRecommendation(exercise: e, score: (total * 100).rounded() / 100,
                                      muscleBalance: balance, recovery: recovery, preference: pref, goalAlignment: goal,
                                      experienceMatch: experience, novelty: novelty, reasons: reasons)
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
