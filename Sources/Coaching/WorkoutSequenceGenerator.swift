/// Seeded synthetic weekly-rhythm data for the next-workout LSTM.
///
/// Rules (one example per synthetic user):
/// - level ∈ {beginner 0, intermediate 1, advanced 2}, goal ∈ {weight loss 0, muscle gain 1,
///   fitness 2}, both uniform; age uniform in 18...70.
/// - Each (level, goal) has a 7-day template (`templates`, Monday first): beginners train 3–4
///   days with rest between, advanced users 5–6; weight loss leans on cardio/HIIT/cycling, muscle
///   gain on strength, fitness mixes everything including yoga and swimming. Sundays differ
///   between templates (so "always rest" is not a strong baseline).
/// - Age: from 50, HIIT days become cycling (low impact); from 60, one strength-or-cardio day
///   of the week (the template's last strength or cardio day) becomes yoga.
/// - The observed 7 days are a calendar week, Monday to Sunday (the published setup): days 1–6
///   are the input, Sunday the label. With `randomPhase` the 7 days start on a uniformly random
///   weekday instead, so the model must also infer where in the week it is (harder: see the
///   figures in the report of `spotter train lstm --random-phase`).
/// - Life happens: each of the 7 days is independently replaced with probability 5% — by rest
///   (missed session, 3%) or by a uniformly random class (2%). The label (day 7) is noisy too,
///   so no model can be perfect (the ceiling is about 96%).
/// - Features: age/100, level/2, goal/2. Input: days 1–6; label: day 7.
public struct WorkoutSequenceGenerator: Sendable {
    public var seed: UInt64
    public var missedRate = 0.03
    public var randomRate = 0.02
    /// Start the observed days on a random weekday instead of Monday.
    public var randomPhase: Bool

    public init(seed: UInt64, randomPhase: Bool = false) { self.seed = seed; self.randomPhase = randomPhase }

    typealias W = WorkoutType
    /// templates[level][goal], Monday first.
    static let templates: [[[WorkoutType]]] = [
        [[.cardio, .rest, .strength, .rest, .hiit, .rest, .yoga],              // beginner, weight loss
         [.rest, .strength, .rest, .strength, .rest, .rest, .strength],        // beginner, muscle gain
         [.rest, .yoga, .strength, .rest, .cardio, .rest, .swimming]],         // beginner, fitness
        [[.hiit, .cardio, .rest, .strength, .cycling, .rest, .hiit],           // intermediate, weight loss
         [.strength, .strength, .rest, .strength, .strength, .rest, .cardio],  // intermediate, muscle gain
         [.strength, .hiit, .rest, .swimming, .yoga, .rest, .strength]],       // intermediate, fitness
        [[.hiit, .strength, .cycling, .rest, .strength, .cardio, .hiit],       // advanced, weight loss
         [.strength, .strength, .strength, .rest, .strength, .strength, .rest],
         [.strength, .hiit, .swimming, .rest, .yoga, .strength, .cycling]],    // advanced, fitness
    ]

    /// The week a user with these attributes follows (after the age rules).
    public static func week(level: Int, goal: Int, age: Int) -> [WorkoutType] {
        var w = templates[level][goal]
        if age >= 50 { w = w.map { $0 == .hiit ? .cycling : $0 } }
        if age >= 60, let i = w.lastIndex(where: { $0 == .strength || $0 == .cardio }) { w[i] = .yoga }
        return w
    }

    /// `count` examples (2,000 by default), deterministic for a seed.
    public func generate(count: Int = 2000) -> [WorkoutSequenceExample] {
        var rng = SplitMix64(seed: seed)
        func uniform(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        return (0..<count).map { _ in
            let level = uniform(3), goal = uniform(3), age = 18 + uniform(53)
            let week = Self.week(level: level, goal: goal, age: age)
            let start = randomPhase ? uniform(7) : 0
            var days = (0..<7).map { week[(start + $0) % 7].rawValue }
            for i in 0..<7 {
                let u = rng.nextUnit()
                if u < missedRate { days[i] = WorkoutType.rest.rawValue }
                else if u < missedRate + randomRate { days[i] = uniform(7) }
            }
            return WorkoutSequenceExample(days: Array(days[0..<6]),
                                          features: [Double(age) / 100, Double(level) / 2, Double(goal) / 2],
                                          next: days[6])
        }
    }
}

/// The comparison baselines: majority class and a first-order Markov chain P(next | last day).
public struct MarkovBaseline: Sendable {
    var counts: [[Int]]
    var majority: Int

    /// Fits transition counts over every consecutive pair in the training inputs and labels.
    public init(training: [WorkoutSequenceExample]) {
        var c = [[Int]](repeating: [Int](repeating: 0, count: 7), count: 7)
        var labels = [Int](repeating: 0, count: 7)
        for ex in training {
            let seq = ex.days + [ex.next]
            for i in 1..<seq.count { c[seq[i - 1]][seq[i]] += 1 }
            labels[ex.next] += 1
        }
        counts = c
        majority = labels.indices.max { labels[$0] < labels[$1] }!
    }

    /// argmax P(next | last day).
    public func predict(days: [Int]) -> Int {
        let row = counts[days.last!]
        return row.indices.max { row[$0] < row[$1] }!
    }

    public func markovAccuracy(_ data: [WorkoutSequenceExample]) -> Double {
        Double(data.filter { predict(days: $0.days) == $0.next }.count) / Double(max(1, data.count))
    }

    public func majorityAccuracy(_ data: [WorkoutSequenceExample]) -> Double {
        Double(data.filter { $0.next == majority }.count) / Double(max(1, data.count))
    }
}
