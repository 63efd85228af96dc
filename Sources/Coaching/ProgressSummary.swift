import Foundation

/// How one exercise progressed over a window of the log, from the logged sets alone: the top
/// set and estimated 1RM (Epley, working sets) at the first and last session in the window, the
/// change, and how many sessions set a new estimated-1RM record against everything before them.
///
/// ```swift
/// let p = ProgressSummary.compute(exerciseId: "Barbell_Squat", sessions: history, windowDays: 56, asOf: now)
/// // p?.first.topKg 100, p?.last.topKg 110, p?.e1rmChangeKg 11.7, p?.records 3
/// ```
public struct ProgressSummary: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var date: Date
        /// Heaviest working set: load (kg, 0 for bodyweight) and its reps.
        public var topKg: Double
        public var topReps: Int
        /// Best Epley estimate over the session's working sets (kg).
        public var e1rmKg: Double
    }

    public var exerciseId: String
    public var name: String
    public var windowDays: Int
    public var first: Point
    public var last: Point
    /// Sessions of the exercise in the window.
    public var sessions: Int
    /// Sessions in the window whose e1RM beat every earlier session's (the whole log before it).
    public var records: Int
    /// Heaviest top set ever logged (kg).
    public var bestEverKg: Double

    public var topChangeKg: Double { last.topKg - first.topKg }
    public var e1rmChangeKg: Double { last.e1rmKg - first.e1rmKg }

    /// Nil when the exercise has fewer than one session in the window.
    public static func compute(exerciseId: String, sessions all: [WorkoutSession], windowDays: Int, asOf: Date) -> ProgressSummary? {
        let start = asOf.addingTimeInterval(-Double(windowDays) * 86_400)
        var points: [(Point, String)] = []
        var bestBefore = 0.0, records = 0, bestEver = 0.0
        for session in all.sorted(by: { $0.date < $1.date }) where session.date <= asOf {
            guard let e = session.exercises.first(where: { $0.exerciseId == exerciseId }), let top = e.topSet else { continue }
            let e1rm = e.workingSets.map { OneRepMax.epley(weight: $0.weightKg ?? 0, reps: $0.reps) }.max() ?? 0
            bestEver = max(bestEver, top.weightKg ?? 0)
            if session.date >= start {
                if e1rm > bestBefore + 0.01, bestBefore > 0 { records += 1 }
                points.append((Point(date: session.date, topKg: top.weightKg ?? 0, topReps: top.reps, e1rmKg: e1rm), e.name))
            }
            bestBefore = max(bestBefore, e1rm)
        }
        guard let first = points.first, let last = points.last else { return nil }
        return ProgressSummary(exerciseId: exerciseId, name: last.1, windowDays: windowDays, first: first.0, last: last.0,
                               sessions: points.count, records: records, bestEverKg: bestEver)
    }

    private static let windowPattern = try! NSRegularExpression(
        pattern: #"\b(\d+|a|one|two|three|four|five|six|eight|ten|twelve|couple|few)( of)? (days?|weeks?|months?|years?)\b"#)

    /// The window a message asks about ("over the last two months" → 60 days, "this year" → 365),
    /// else `fallback` days.
    public static func windowDays(in message: String, fallback: Int = 56) -> Int {
        let t = message.lowercased()
        let words = ["a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10, "twelve": 12, "couple": 2, "few": 3]
        if let m = windowPattern.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)),
           let countRange = Range(m.range(at: 1), in: t), let unitRange = Range(m.range(at: 3), in: t) {
            let count = Int(t[countRange]) ?? words[String(t[countRange])] ?? 1
            let unit = t[unitRange]
            let days = unit.hasPrefix("day") ? 1 : unit.hasPrefix("week") ? 7 : unit.hasPrefix("month") ? 30 : 365
            return max(7, min(count * days, 3650))
        }
        if t.contains("this year") || t.contains("last year") { return 365 }
        if t.contains("last month") || t.contains("this month") { return 30 }
        if t.contains("last week") || t.contains("this week") { return 7 }
        if t.contains("since i started") || t.contains("all time") || t.contains("ever") { return 3650 }
        return fallback
    }
}
