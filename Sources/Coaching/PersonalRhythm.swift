import Foundation

/// The user's own next-day rhythm, blended with a prior (the LSTM's prediction): a lifter who
/// never cycles is never told to cycle once their history says so.
///
/// For the next day, three recency-weighted counts over the user's typed days (weights halve every
/// `halfLifeWeeks`): all days, the days on the same weekday, and the days that followed the same
/// last `order` days. Smoothing is hierarchical with `priorStrength` (s) pseudo-days: the overall
/// distribution is `(all_c + s·prior_c) / (Σall + s)`; the weekday and pattern distributions are
/// smoothed the same way towards the overall one; the answer is their average. With no history the
/// answer is the prior; as history accumulates, the user's rhythm takes over.
///
/// The weekday is taken from the user's own history only: the LSTM itself has no weekday input
/// (its 41,975 parameters are unchanged) and answers the same for a 6-day pattern on any weekday.
public struct PersonalRhythm: Sendable, Hashable {
    public var halfLifeWeeks: Double
    public var order: Int
    public var priorStrength: Double

    public init(halfLifeWeeks: Double = 4, order: Int = 3, priorStrength: Double = 1) {
        self.halfLifeWeeks = halfLifeWeeks; self.order = order; self.priorStrength = priorStrength
    }

    /// The distribution (7 classes, `WorkoutType` order) of the day after `days` (consecutive
    /// calendar days, oldest first, the last one being yesterday). `prior` has 7 probabilities;
    /// nil means uniform.
    public func predict(days: [WorkoutType], prior: [Double]? = nil) -> [Double] {
        let k = WorkoutType.allCases.count
        let p = prior ?? [Double](repeating: 1 / Double(k), count: k)
        let n = days.count
        var weekday = [Double](repeating: 0, count: k), pattern = [Double](repeating: 0, count: k)
        var overall = [Double](repeating: 0, count: k)
        var wTotal = 0.0, pTotal = 0.0, oTotal = 0.0
        for j in 0..<n {
            let w = pow(0.5, Double(n - j) / 7 / halfLifeWeeks)
            overall[days[j].rawValue] += w; oTotal += w
        }
        let context = n >= order ? Array(days[(n - order)...]) : nil
        for j in stride(from: n - 7, through: 0, by: -7) {
            let w = pow(0.5, Double(n - j) / 7 / halfLifeWeeks)
            weekday[days[j].rawValue] += w; wTotal += w
        }
        if let context {
            for j in order..<max(order, n) where days[(j - order)..<j].elementsEqual(context) {
                let w = pow(0.5, Double(n - j) / 7 / halfLifeWeeks)
                pattern[days[j].rawValue] += w; pTotal += w
            }
        }
        let s = priorStrength
        let base = (0..<k).map { (overall[$0] + s * p[$0]) / (oTotal + s) }
        return (0..<k).map { c in
            0.5 * (weekday[c] + s * base[c]) / (wTotal + s) + 0.5 * (pattern[c] + s * base[c]) / (pTotal + s)
        }
    }
}
