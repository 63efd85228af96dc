import Foundation

/// Agreement figures for one exercise (or all of them).
public struct ReplayFigures: Sendable, Hashable {
    public var exerciseId: String
    /// Sessions where a suggestion was compared with what the lifter did next.
    public var comparisons: Int
    /// Share whose coarse direction (up / hold / down) matched.
    public var directionAgreement: Double
    /// Median |suggested − actual| next top-set load, kg.
    public var medianGapKg: Double
    /// counts[suggested][actual].
    public var confusion: [CoarseDirection: [CoarseDirection: Int]]
}

/// Replays a log through the overload rules: before each session, suggest the next top set for
/// each exercise from the sessions and check-ins before it, then compare with what was done.
///
/// The lifter's actual direction: the new top-set load against the previous one, "up" or "down"
/// when it moved by more than 1% (and at least 0.5 kg), else "hold". Bodyweight exercises
/// (no load) are skipped.
public struct ReplayEvaluator: Sendable {
    public var rules: OverloadRules
    public init(rules: OverloadRules = OverloadRules()) { self.rules = rules }

    public struct Report: Sendable {
        public var overall: ReplayFigures
        /// Sorted by number of comparisons, most first.
        public var perExercise: [ReplayFigures]
    }

    public func evaluate(sessions unsorted: [WorkoutSession], checkIns: [CheckIn] = [], profile: UserProfile) -> Report {
        let sessions = unsorted.sorted { $0.date < $1.date }
        var pairs: [String: [(CoarseDirection, CoarseDirection, Double)]] = [:]
        let calendar = Calendar(identifier: .gregorian)
        for (i, s) in sessions.enumerated() where i > 0 {
            let before = Array(sessions[..<i])
            let asOf = s.date - 1
            let recovery = TrainingFeatures.recoveryFeatures(checkIns.filter { $0.date <= asOf }, asOf: asOf)
            let hard = TrainingFeatures.hardWeeks(before, asOf: asOf, calendar: calendar)
            for e in s.exercises {
                guard let actual = e.topSet, let actualKg = actual.weightKg, actualKg > 0,
                      let ex = ExerciseFeatures.compute(exerciseId: e.exerciseId, sessions: before),
                      let prev = ex.last, prev.topSetWeightKg > 0 else { continue }
                let suggestion = rules.suggest(exercise: ex, recovery: recovery, hardWeeks: hard, profile: profile)
                let delta = actualKg - prev.topSetWeightKg
                let moved = abs(delta) > max(0.01 * prev.topSetWeightKg, 0.5)
                let did: CoarseDirection = !moved ? .hold : delta > 0 ? .up : .down
                pairs[e.exerciseId, default: []].append((suggestion.direction.coarse, did, abs(suggestion.weightKg - actualKg)))
            }
        }
        func figures(_ id: String, _ p: [(CoarseDirection, CoarseDirection, Double)]) -> ReplayFigures {
            var confusion: [CoarseDirection: [CoarseDirection: Int]] = [:]
            for (s, a, _) in p { confusion[s, default: [:]][a, default: 0] += 1 }
            let gaps = p.map(\.2).sorted()
            let median = gaps.isEmpty ? 0 : gaps.count % 2 == 1 ? gaps[gaps.count / 2] : (gaps[gaps.count / 2 - 1] + gaps[gaps.count / 2]) / 2
            return ReplayFigures(exerciseId: id, comparisons: p.count,
                                 directionAgreement: p.isEmpty ? 0 : Double(p.filter { $0.0 == $0.1 }.count) / Double(p.count),
                                 medianGapKg: median, confusion: confusion)
        }
        let per = pairs.map { figures($0.key, $0.value) }.sorted { $0.comparisons != $1.comparisons ? $0.comparisons > $1.comparisons : $0.exerciseId < $1.exerciseId }
        return Report(overall: figures("overall", pairs.values.flatMap { $0 }), perExercise: per)
    }
}
