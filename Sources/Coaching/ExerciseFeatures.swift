import Foundation

/// One past session of one exercise, summarised.
public struct ExerciseSessionSummary: Sendable, Hashable {
    public var date: Date
    /// Top working set (heaviest; ties → most reps). Weight 0 for bodyweight.
    public var topSetWeightKg: Double
    public var topSetReps: Int
    public var topSetRPE: Double?
    /// Reps of every working set, in order.
    public var workingReps: [Int]
    public var workingSets: Int
    public var volumeKg: Double
    public var averageRPE: Double?
    /// Highest effort (RPE, or 10 − RIR) over working sets.
    public var maxRPE: Double? = nil
    /// RPE-adjusted e1RM of the top set (assumes failure when no RPE).
    public var e1RM: Double
    /// Working sets at the top set's load.
    public var setsAtTopLoad: Int = 1
    /// Reps of the last working set at the top load − reps of the first (negative: reps fell off).
    public var repsChangeAtTopLoad: Int = 0
    /// The easiest effort (RPE, or 10 − RIR) logged on a working set at the top load.
    public var easiestRPEAtTopLoad: Double? = nil
}

/// Personal bests for one exercise over the whole log.
public struct PersonalBests: Sendable, Hashable {
    public var heaviestKg: Double
    public var bestE1RMEpley: Double
    public var bestE1RMBrzycki: Double
    public var bestE1RMRPEAdjusted: Double
    public var bestSessionVolumeKg: Double
    public var mostReps: Int
}

/// History features for one exercise.
public struct ExerciseFeatures: Sendable, Hashable {
    public var exerciseId: String
    public var name: String
    public var primaryMuscles: [Muscle]
    /// The last (up to) 6 sessions, oldest first.
    public var recent: [ExerciseSessionSummary]
    public var weightTrend: Trend
    public var volumeTrend: Trend
    public var rpeTrend: Trend
    public var bests: PersonalBests
    /// Top-set load and e1RM have not improved by ≥1% over the last 3 sessions (needs ≥3 sessions).
    public var isStalled: Bool
    /// Total sessions with this exercise in the log.
    public var sessionCount: Int
    /// The name as logged that this history is tracked under (nil when computed by knowledge id).
    public var loggedName: String? = nil
    /// The lifter's own load step for this exercise: their most recent load increase (2 kg
    /// dumbbells, 5 kg stacks), nil before the first increase.
    public var observedIncrementKg: Double? = nil
    /// Assisted variant (the load is assistance: less is progress), from the name.
    public var isAssisted: Bool = false
    /// Every session's top-set load, oldest first (for the lifter's recent working load).
    public var loadHistory: [Double] = []
    /// Every session's top-set reps, oldest first (beside `loadHistory`).
    public var repsHistory: [Int] = []

    /// The most recent session.
    public var last: ExerciseSessionSummary? { recent.last }
}

extension ExerciseFeatures {
    /// Computes features for one exercise from sessions (any order; only those up to `asOf` count).
    public static func compute(exerciseId: String, sessions: [WorkoutSession], asOf: Date = .distantFuture) -> ExerciseFeatures? {
        compute(key: exerciseId, sessions: sessions, asOf: asOf) { $0.exerciseId == exerciseId }
    }

    /// Features for one exercise as logged (its name exactly as written): progress is per variant.
    public static func compute(loggedName: String, sessions: [WorkoutSession], asOf: Date = .distantFuture) -> ExerciseFeatures? {
        var f = compute(key: loggedName, sessions: sessions, asOf: asOf) { $0.loggedName == loggedName }
        f?.loggedName = loggedName
        return f
    }

    static func compute(key exerciseId: String, sessions: [WorkoutSession], asOf: Date,
                        matches: (ExercisePerformance) -> Bool) -> ExerciseFeatures? {
        var summaries: [ExerciseSessionSummary] = []
        var name = exerciseId, id = exerciseId
        var muscles: [Muscle] = []
        for s in sessions where s.date <= asOf {
            for e in s.exercises where matches(e) {
                guard let top = e.topSet else { continue }
                name = e.name; id = e.exerciseId
                if !e.primaryMuscles.isEmpty { muscles = e.primaryMuscles }
                let w = top.weightKg ?? 0
                let atTop = e.workingSets.filter { abs(($0.weightKg ?? 0) - w) < 0.01 }
                summaries.append(ExerciseSessionSummary(
                    date: s.date, topSetWeightKg: w, topSetReps: top.reps, topSetRPE: top.effort,
                    workingReps: e.workingSets.map(\.reps), workingSets: e.workingSets.count,
                    volumeKg: e.volumeKg, averageRPE: e.averageRPE, maxRPE: e.workingSets.compactMap(\.effort).max(),
                    e1RM: OneRepMax.rpeAdjusted(weight: w, reps: top.reps, rpe: top.rpe, rir: top.rir),
                    setsAtTopLoad: max(1, atTop.count), repsChangeAtTopLoad: (atTop.last?.reps ?? 0) - (atTop.first?.reps ?? 0),
                    easiestRPEAtTopLoad: atTop.compactMap(\.effort).min()))
            }
        }
        guard !summaries.isEmpty else { return nil }
        summaries.sort { $0.date < $1.date }
        let recent = Array(summaries.suffix(6))
        var bests = PersonalBests(heaviestKg: 0, bestE1RMEpley: 0, bestE1RMBrzycki: 0, bestE1RMRPEAdjusted: 0,
                                  bestSessionVolumeKg: 0, mostReps: 0)
        for s in summaries {
            bests.heaviestKg = max(bests.heaviestKg, s.topSetWeightKg)
            bests.bestE1RMEpley = max(bests.bestE1RMEpley, OneRepMax.epley(weight: s.topSetWeightKg, reps: s.topSetReps))
            bests.bestE1RMBrzycki = max(bests.bestE1RMBrzycki, OneRepMax.brzycki(weight: s.topSetWeightKg, reps: s.topSetReps))
            bests.bestE1RMRPEAdjusted = max(bests.bestE1RMRPEAdjusted, s.e1RM)
            bests.bestSessionVolumeKg = max(bests.bestSessionVolumeKg, s.volumeKg)
            bests.mostReps = max(bests.mostReps, s.workingReps.max() ?? 0)
        }
        let loads = summaries.map(\.topSetWeightKg)
        return ExerciseFeatures(
            exerciseId: id, name: name, primaryMuscles: muscles, recent: recent,
            weightTrend: Trend(recent.map(\.topSetWeightKg)), volumeTrend: Trend(recent.map(\.volumeKg)),
            rpeTrend: Trend(recent.compactMap(\.averageRPE)), bests: bests,
            isStalled: Self.stalled(recent), sessionCount: summaries.count,
            observedIncrementKg: observedIncrement(loads), isAssisted: name.lowercased().contains("assist"),
            loadHistory: loads, repsHistory: summaries.map(\.topSetReps))
    }

    /// The most recent load increase between consecutive sessions (at most 25% of the load before
    /// it, so a switch of variant is not read as a step), nil when there is none. The latest step,
    /// not the median over the whole history: a new gym's stack or new dumbbells change the step,
    /// and the lifter's last increase is the one the equipment they use now allows.
    static func observedIncrement(_ loads: [Double]) -> Double? {
        for (a, b) in zip(loads, loads.dropFirst()).reversed() where a > 0 && b > a + 1e-9 && b - a <= 0.25 * a {
            return b - a
        }
        return nil
    }

    /// Stalled: over the last 3 sessions neither top-set load nor (bodyweight) reps nor e1RM beat the
    /// best of the sessions before them by 1% or more.
    static func stalled(_ recent: [ExerciseSessionSummary]) -> Bool {
        guard recent.count >= 4 else { return false }
        let window = recent.suffix(3)
        let before = recent.dropLast(3)
        let bestLoad = before.map(\.topSetWeightKg).max() ?? 0
        let bestE1 = before.map(\.e1RM).max() ?? 0
        let bestReps = before.map(\.topSetReps).max() ?? 0
        let improvedLoad = window.contains { $0.topSetWeightKg > bestLoad * 1.01 + 1e-9 }
        let improvedE1 = window.contains { $0.e1RM > bestE1 * 1.01 + 1e-9 }
        let improvedReps = bestLoad == 0 && window.contains { $0.topSetReps > bestReps }
        return !(improvedLoad || improvedE1 || improvedReps)
    }
}
