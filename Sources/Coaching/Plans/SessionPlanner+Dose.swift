import Foundation

/// Sets, reps, load, rest and time for one exercise of a planned session.
///
/// Time per set: 4 s a rep plus 20 s to set up; an exercise takes its sets, the rests between
/// them and a 90 s changeover to the next. Rest: strength 180 s (compound) / 90 s (isolation);
/// endurance 60 / 45 s; otherwise 120 / 75 s.
extension SessionPlanner {
    static let secondsPerRep = 4.0
    static let setupSeconds = 20.0
    static let changeoverSeconds = 90.0

    /// The dose for `e`: from the overload rules when the lifter has logged it, else a start.
    func dose(_ e: CatalogExercise, loggedName: String? = nil, profile p: UserProfile, past: [WorkoutSession], checkIns: [CheckIn],
              asOf: Date, poorRecovery: Bool) -> PlannedExercise {
        let compound = e.mechanic == "compound" || (e.mechanic == nil && e.primaryMuscles.count + e.secondaryMuscles.count > 1)
        // By knowledge id; else by the name it was logged under, or the catalog's name, for sets
        // logged before the knowledge index could match them (progress is per name as logged).
        let history = ([e.id] + (loggedName.map { [$0] } ?? []) + [e.name]).lazy.compactMap { name in
            try? rules.suggest(exerciseId: name, sessions: past, checkIns: checkIns, asOf: asOf, profile: p)
        }.first
        let usualSets = history.flatMap { s in ExerciseFeatures.resolve(exercise: s.loggedName ?? e.id, sessions: past, asOf: asOf)?.last?.workingSets }
        var sets = usualSets.map { min(5, max(2, $0)) } ?? Self.startSets(compound: compound, profile: p)
        if poorRecovery { sets = max(2, sets - 1) }
        let planned: PlannedExercise
        if let s = history {
            planned = PlannedExercise(
                id: e.id, name: s.loggedName ?? e.name, equipment: e.equipment, primaryMuscles: e.primaryMuscles,
                isCompound: compound, sets: sets, repRange: s.repRange, targetReps: s.targetReps,
                load: s.weight > 0 ? s.weight : nil, targetRPE: s.weight > 0 ? nil : 7,
                restSeconds: Self.rest(compound: compound, goal: p.goal), minutes: 0, basis: .history,
                direction: s.direction, rule: s.rule, reasons: s.reasons)
        } else {
            let range = p.goal == .strength && !compound ? 8...12 : p.goal.defaultRepRange
            planned = PlannedExercise(
                id: e.id, name: e.name, equipment: e.equipment, primaryMuscles: e.primaryMuscles, isCompound: compound,
                sets: sets, repRange: range, targetReps: (range.lowerBound + range.upperBound) / 2, load: nil, targetRPE: 7,
                restSeconds: Self.rest(compound: compound, goal: p.goal), minutes: 0, basis: .start, direction: nil, rule: nil,
                reasons: ["first time in your log: choose a load you could lift 3 more times (RPE 7)"])
        }
        return Self.withSets(sets, planned)
    }

    /// Working sets for an exercise with no history: 4 for compounds (5 for strength), 3 for
    /// isolations; beginners at most 3.
    static func startSets(compound: Bool, profile p: UserProfile) -> Int {
        let sets = compound ? (p.goal == .strength ? 5 : 4) : 3
        return p.experience == .beginner ? min(3, sets) : sets
    }

    /// Rest between sets by goal and mechanic.
    public static func rest(compound: Bool, goal: TrainingGoal) -> Int {
        switch goal {
        case .strength: compound ? 180 : 90
        case .endurance: compound ? 60 : 45
        case .hypertrophy, .generalFitness, .weightLoss: compound ? 120 : 75
        }
    }

    /// `e` with `sets` sets and its minutes recomputed.
    static func withSets(_ sets: Int, _ e: PlannedExercise) -> PlannedExercise {
        var e = e
        e.sets = sets
        let seconds = estimatedSeconds(reps: Array(repeating: e.targetReps, count: sets), restSeconds: e.restSeconds)
        e.minutes = (seconds / 60 * 10).rounded(.up) / 10
        return e
    }

    /// The time model: seconds for one exercise done as sets of `reps`, resting `restSeconds`
    /// between sets, with the changeover to the next exercise.
    public static func estimatedSeconds(reps: [Int], restSeconds: Int) -> Double {
        reps.reduce(0) { $0 + Double($1) * secondsPerRep + setupSeconds }
            + Double(max(0, reps.count - 1) * restSeconds) + changeoverSeconds
    }
}
