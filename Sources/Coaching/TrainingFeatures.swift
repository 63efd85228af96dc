import Foundation

/// Per-muscle work over a window.
public struct MuscleLoad: Sendable, Hashable {
    /// Working sets (primary 1, secondary ½).
    public var sets: Double
    /// Σ weight × reps (primary full, secondary half), kg.
    public var volumeKg: Double
    /// Distinct days the muscle was trained.
    public var frequency: Int
    /// When it was last trained (primary or secondary).
    public var lastTrained: Date?
}

/// Recovery averages from check-ins.
public struct RecoveryFeatures: Sendable, Hashable {
    public var sleepHours7d: Double?
    public var soreness7d: Double?
    public var lastSleepHours: Double?
    public var lastSoreness: Double?
    public var fatigued: Bool

    public static let unknown = RecoveryFeatures(sleepHours7d: nil, soreness7d: nil, lastSleepHours: nil,
                                                 lastSoreness: nil, fatigued: false)
}

/// Everything Coaching derives from a user's log and check-ins at a point in time.
public struct TrainingFeatures: Sendable {
    public var asOf: Date
    public var exercises: [String: ExerciseFeatures]
    public var muscles7d: [Muscle: MuscleLoad]
    public var muscles30d: [Muscle: MuscleLoad]
    public var recovery: RecoveryFeatures
    public var daysSinceLastSession: Int?
    /// Training days in a row ending on the last session day (a streak broken by any rest day).
    public var consecutiveTrainingDays: Int
    /// Exercise ids whose progress has stalled.
    public var stalls: [String]
    /// Weeks in a row (ending this week) with ≥2 sessions at average RPE ≥ 8 and no deload week.
    public var hardTrainingWeeks: Int
    /// How often each exercise id appears in the log.
    public var exerciseCounts: [String: Int]
    /// When each exercise id was last done.
    public var exerciseLastDone: [String: Date]
    /// Per name as logged: that variant's own history (progress is tracked per variant).
    public var exercisesAsLogged: [String: ExerciseFeatures] = [:]
    /// Per exercise id: the name as logged most recently under it.
    public var latestLoggedName: [String: String] = [:]

    /// One exercise's features for the overload rules: a name as logged, else a knowledge id's most
    /// recently logged variant, else the id's merged history.
    public func progression(_ exercise: String) -> ExerciseFeatures? {
        exercisesAsLogged[exercise] ?? latestLoggedName[exercise].flatMap { exercisesAsLogged[$0] } ?? exercises[exercise]
    }
}

extension TrainingFeatures {
    static let day: TimeInterval = 86_400

    /// Computes features from sessions and check-ins up to and including `asOf`.
    public static func compute(sessions allSessions: [WorkoutSession], checkIns allCheckIns: [CheckIn] = [],
                               asOf: Date, calendar: Calendar = Calendar(identifier: .gregorian)) -> TrainingFeatures {
        let sessions = allSessions.filter { $0.date <= asOf }.sorted { $0.date < $1.date }
        let checkIns = allCheckIns.filter { $0.date <= asOf }.sorted { $0.date < $1.date }

        var ids: [String] = []
        var counts: [String: Int] = [:]
        var lastDone: [String: Date] = [:]
        var names: [String] = [], seenNames = Set<String>(), latestName: [String: String] = [:]
        for s in sessions {
            for e in s.exercises where !e.workingSets.isEmpty {
                if seenNames.insert(e.loggedName).inserted { names.append(e.loggedName) }
                latestName[e.exerciseId] = e.loggedName
                if counts[e.exerciseId] == nil { ids.append(e.exerciseId) }
                counts[e.exerciseId, default: 0] += 1
                lastDone[e.exerciseId] = s.date
            }
        }
        var exercises: [String: ExerciseFeatures] = [:]
        for id in ids { exercises[id] = ExerciseFeatures.compute(exerciseId: id, sessions: sessions, asOf: asOf) }
        var asLogged: [String: ExerciseFeatures] = [:]
        for n in names { asLogged[n] = ExerciseFeatures.compute(loggedName: n, sessions: sessions, asOf: asOf) }

        let recovery = recoveryFeatures(checkIns, asOf: asOf)
        let lastDate = sessions.last?.date
        let daysSince = lastDate.map { calendar.dateComponents([.day], from: calendar.startOfDay(for: $0),
                                                               to: calendar.startOfDay(for: asOf)).day ?? 0 }
        return TrainingFeatures(
            asOf: asOf, exercises: exercises,
            muscles7d: muscleLoads(sessions, since: asOf - 7 * day, calendar: calendar),
            muscles30d: muscleLoads(sessions, since: asOf - 30 * day, calendar: calendar),
            recovery: recovery, daysSinceLastSession: daysSince,
            consecutiveTrainingDays: streak(sessions, calendar: calendar),
            stalls: ids.filter { exercises[$0]?.isStalled == true },
            hardTrainingWeeks: hardWeeks(sessions, asOf: asOf, calendar: calendar),
            exerciseCounts: counts, exerciseLastDone: lastDone, exercisesAsLogged: asLogged, latestLoggedName: latestName)
    }

    static func muscleLoads(_ sessions: [WorkoutSession], since: Date, calendar: Calendar) -> [Muscle: MuscleLoad] {
        var out: [Muscle: MuscleLoad] = [:]
        var days: [Muscle: Set<Date>] = [:]
        for s in sessions where s.date > since {
            let d = calendar.startOfDay(for: s.date)
            for e in s.exercises {
                let sets = Double(e.workingSets.count), vol = e.volumeKg
                guard sets > 0 else { continue }
                for (muscles, share) in [(e.primaryMuscles, 1.0), (e.secondaryMuscles, 0.5)] {
                    for m in muscles {
                        var l = out[m] ?? MuscleLoad(sets: 0, volumeKg: 0, frequency: 0, lastTrained: nil)
                        l.sets += sets * share
                        l.volumeKg += vol * share
                        l.lastTrained = max(l.lastTrained ?? s.date, s.date)
                        out[m] = l
                        days[m, default: []].insert(d)
                    }
                }
            }
        }
        for (m, d) in days { out[m]?.frequency = d.count }
        return out
    }

    /// Recovery from check-ins (oldest first, none after `asOf`): the 7-day means and the last one.
    public static func recoveryFeatures(_ checkIns: [CheckIn], asOf: Date) -> RecoveryFeatures {
        let week = checkIns.filter { $0.date > asOf - 7 * day }
        func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }
        let last = week.last
        return RecoveryFeatures(
            sleepHours7d: mean(week.compactMap(\.sleepHours)), soreness7d: mean(week.compactMap { $0.soreness.map(Double.init) }),
            lastSleepHours: last?.sleepHours, lastSoreness: last?.soreness.map(Double.init),
            fatigued: last.map { ($0.energy ?? 10) <= 2 } ?? false)
    }

    static func streak(_ sessions: [WorkoutSession], calendar: Calendar) -> Int {
        let days = Set(sessions.map { calendar.startOfDay(for: $0.date) })
        guard var d = days.max() else { return 0 }
        var n = 0
        while days.contains(d) {
            n += 1
            guard let prev = calendar.date(byAdding: .day, value: -1, to: d) else { break }
            d = prev
        }
        return n
    }

    /// Counts back week by week from `asOf`: a week is hard with ≥2 sessions whose mean working RPE is
    /// ≥ 8 (sessions without RPE count as hard when they have working sets); a week with fewer
    /// sessions, or with mean RPE < 7 (a deload), ends the run.
    public static func hardWeeks(_ sessions: [WorkoutSession], asOf: Date, calendar: Calendar = Calendar(identifier: .gregorian)) -> Int {
        var n = 0
        var end = asOf
        while true {
            let start = end - 7 * day
            let week = sessions.filter { $0.date > start && $0.date <= end }
            let efforts = week.compactMap { s -> Double? in
                let e = s.exercises.flatMap(\.workingSets).compactMap(\.effort)
                return e.isEmpty ? nil : e.reduce(0, +) / Double(e.count)
            }
            let meanEffort = efforts.isEmpty ? 8.5 : efforts.reduce(0, +) / Double(efforts.count)
            guard week.count >= 2, meanEffort >= 8 else { break }
            n += 1
            end = start
            if n > 520 { break }
        }
        return n
    }
}
