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
    /// The median of every working set's reps over `recent` (the upper one of an even count), nil
    /// when there are none: the rep range and the progression habit read it (computed once here).
    public var recentMedianWorkingReps: Int? = nil

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
        var history = History(key: exerciseId)
        for s in sessions where s.date <= asOf {
            for e in s.exercises where matches(e) { history.append(e, date: s.date) }
        }
        return history.features()
    }

    /// One exercise's sessions summarised as they come (oldest first, as a replay meets them), so
    /// that features after each session cost one summary, not a pass over every session before it
    /// (`OverloadReplay`). `compute` reads the log through the same type: both give the same values.
    struct History {
        /// Every session's summary, in the order appended.
        private(set) var summaries: [ExerciseSessionSummary] = []
        private var bests = PersonalBests(heaviestKg: 0, bestE1RMEpley: 0, bestE1RMBrzycki: 0, bestE1RMRPEAdjusted: 0,
                                          bestSessionVolumeKg: 0, mostReps: 0)
        private var loads: [Double] = []
        private var reps: [Int] = []
        private var name: String, id: String
        private var isAssisted: Bool
        private var muscles: [Muscle] = []
        private var sorted = true

        init(key: String) { name = key; id = key; isAssisted = Self.isAssisted(key) }

        /// An assisted variant, from its name.
        static func isAssisted(_ name: String) -> Bool { name.lowercased().contains("assist") }

        /// Adds one session of the exercise (ignored when it has no working set).
        mutating func append(_ e: ExercisePerformance, date: Date) {
            let working = e.workingSets
            guard let top = Self.topSet(working) else { return }
            if e.name != name { name = e.name; isAssisted = Self.isAssisted(name) }
            id = e.exerciseId
            if !e.primaryMuscles.isEmpty { muscles = e.primaryMuscles }
            let w = top.weightKg ?? 0
            let atTop = working.filter { abs(($0.weightKg ?? 0) - w) < 0.01 }
            let efforts = working.compactMap(\.effort)
            let s = ExerciseSessionSummary(
                date: date, topSetWeightKg: w, topSetReps: top.reps, topSetRPE: top.effort,
                workingReps: working.map(\.reps), workingSets: working.count,
                volumeKg: working.reduce(0) { $0 + ($1.weightKg ?? 0) * Double($1.reps) },
                averageRPE: efforts.isEmpty ? nil : efforts.reduce(0, +) / Double(efforts.count), maxRPE: efforts.max(),
                e1RM: OneRepMax.rpeAdjusted(weight: w, reps: top.reps, rpe: top.rpe, rir: top.rir),
                setsAtTopLoad: max(1, atTop.count), repsChangeAtTopLoad: (atTop.last?.reps ?? 0) - (atTop.first?.reps ?? 0),
                easiestRPEAtTopLoad: atTop.compactMap(\.effort).min())
            if let last = summaries.last, s.date < last.date { sorted = false }
            summaries.append(s)
            loads.append(s.topSetWeightKg); reps.append(s.topSetReps)
            bests.heaviestKg = max(bests.heaviestKg, s.topSetWeightKg)
            bests.bestE1RMEpley = max(bests.bestE1RMEpley, OneRepMax.epley(weight: s.topSetWeightKg, reps: s.topSetReps))
            bests.bestE1RMBrzycki = max(bests.bestE1RMBrzycki, OneRepMax.brzycki(weight: s.topSetWeightKg, reps: s.topSetReps))
            bests.bestE1RMRPEAdjusted = max(bests.bestE1RMRPEAdjusted, s.e1RM)
            bests.bestSessionVolumeKg = max(bests.bestSessionVolumeKg, s.volumeKg)
            bests.mostReps = max(bests.mostReps, s.workingReps.max() ?? 0)
        }

        /// The features over the sessions appended so far (nil before the first); sessions
        /// appended out of date order are put in order first (the stable sort keeps a day's order).
        func features() -> ExerciseFeatures? {
            guard !summaries.isEmpty else { return nil }
            guard sorted else {
                var inOrder = History(key: id)
                inOrder.name = name; inOrder.id = id; inOrder.isAssisted = isAssisted; inOrder.muscles = muscles; inOrder.bests = bests
                inOrder.summaries = summaries.sorted { $0.date < $1.date }
                inOrder.loads = inOrder.summaries.map(\.topSetWeightKg); inOrder.reps = inOrder.summaries.map(\.topSetReps)
                return inOrder.features()
            }
            let recent = Array(summaries.suffix(6))
            let working = recent.flatMap(\.workingReps).sorted()
            return ExerciseFeatures(
                exerciseId: id, name: name, primaryMuscles: muscles, recent: recent,
                weightTrend: Trend(recent.map(\.topSetWeightKg)), volumeTrend: Trend(recent.map(\.volumeKg)),
                rpeTrend: Trend(recent.compactMap(\.averageRPE)), bests: bests,
                isStalled: ExerciseFeatures.stalled(recent), sessionCount: summaries.count,
                observedIncrementKg: ExerciseFeatures.observedIncrement(loads), isAssisted: isAssisted,
                loadHistory: loads, repsHistory: reps, recentMedianWorkingReps: working.isEmpty ? nil : working[working.count / 2])
        }

        /// `ExercisePerformance.topSet` over working sets already filtered.
        static func topSet(_ working: [LoggedSet]) -> LoggedSet? {
            working.max { a, b in
                let wa = a.weightKg ?? 0, wb = b.weightKg ?? 0
                return wa != wb ? wa < wb : a.reps < b.reps
            }
        }
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
