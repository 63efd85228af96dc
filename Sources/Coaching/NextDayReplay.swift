import Foundation

/// Replays a log day by day: for every calendar day after the first session's day, predict its
/// workout type from the days before it only, and score accuracy and log-loss (natural log,
/// probabilities clamped to [1e-6, 1]).
public struct NextDayReplay: Sendable {
    /// One type per calendar day, oldest first (from `SessionTyping.days`).
    public let days: [WorkoutType]

    public init(days: [WorkoutType]) { self.days = days }

    /// Days typed from `sessions` (UTC calendar days from the first session to the last).
    public init(sessions: [WorkoutSession]) {
        let sorted = sessions.sorted { $0.date < $1.date }
        guard let first = sorted.first, let last = sorted.last else { days = []; return }
        days = SessionTyping.days(sorted, from: first.date, through: last.date)
    }

    public struct Figures: Sendable {
        public var model: String
        public var days = 0
        public var correct = 0
        public var logLoss = 0.0
        /// How often each type was the answer.
        public var predicted: [WorkoutType: Int] = [:]
        public var accuracy: Double { days == 0 ? 0 : Double(correct) / Double(days) }
    }

    /// Scores `predict(history)` (7 probabilities for the day after `history`) on days `start..<end`.
    public func figures(_ name: String, from start: Int = 1, to end: Int? = nil, predict: ([WorkoutType]) -> [Double]) -> Figures {
        var f = Figures(model: name)
        for i in max(1, start)..<(end ?? days.count) {
            let p = predict(Array(days[..<i]))
            let best = p.indices.max { p[$0] != p[$1] ? p[$0] < p[$1] : $0 > $1 }!
            f.days += 1
            if best == days[i].rawValue { f.correct += 1 }
            f.logLoss -= log(min(1, max(1e-6, p[days[i].rawValue])))
            f.predicted[WorkoutType(rawValue: best)!, default: 0] += 1
        }
        if f.days > 0 { f.logLoss /= Double(f.days) }
        return f
    }

    /// Baseline: the most frequent type so far (add-one smoothed frequencies as probabilities).
    public static func majority(_ h: [WorkoutType]) -> [Double] {
        var c = [Double](repeating: 1, count: WorkoutType.allCases.count)
        for d in h { c[d.rawValue] += 1 }
        let t = c.reduce(0, +)
        return c.map { $0 / t }
    }

    /// Baseline: always strength (probability 0.9 for strength, the rest shared).
    public static func alwaysStrength(_ h: [WorkoutType]) -> [Double] {
        WorkoutType.allCases.map { $0 == .strength ? 0.9 : 0.1 / 6 }
    }

    /// Baseline: the user's first-order Markov chain (add-one smoothed transitions from yesterday's type).
    public static func markov(_ h: [WorkoutType]) -> [Double] {
        let k = WorkoutType.allCases.count
        var c = [Double](repeating: 1, count: k)
        if let last = h.last { for (a, b) in zip(h, h.dropFirst()) where a == last { c[b.rawValue] += 1 } }
        let t = c.reduce(0, +)
        return c.map { $0 / t }
    }
}
