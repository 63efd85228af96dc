import Foundation

/// Replays a log session by session: before each session, rank exercises from the sessions before
/// it only, and score the ranking against what was performed (the VoltLift protocol: positives are
/// the exercises done in the session, names as logged; binary relevance; P@5, R@10, NDCG@5).
/// Sessions with no history before them are skipped.
///
/// P@5 is hits in the top 5 ÷ 5 (VoltLift's definition). Two extra figures help read it: its
/// ceiling (a session of 2 exercises can score at most 0.4: mean min(5, |done|) ÷ 5) and P@min(5,
/// |done|), hits in the top 5 ÷ min(5, |done|), which scores a perfect ranking 1 whatever the
/// session's length.
public struct RecommendationReplay: Sendable {
    public let sessions: [WorkoutSession]

    public init(sessions: [WorkoutSession]) { self.sessions = sessions.sorted { $0.date < $1.date } }

    /// Ranking figures of one model.
    public struct Figures: Sendable {
        public var model: String
        public var sessions = 0
        public var precisionAt5 = 0.0, recallAt10 = 0.0, ndcgAt5 = 0.0
        /// The best P@5 any ranking could reach (mean min(5, |done|) ÷ 5).
        public var precisionAt5Ceiling = 0.0
        /// Hits in the top 5 ÷ min(5, |done|): P@5 without the penalty for short sessions.
        public var precisionAtDone = 0.0
    }

    /// Scores `rank(i)` (a ranking for session `i` from sessions `0..<i`) on the sessions `range` selects.
    public func figures(_ name: String, from start: Int = 1, to end: Int? = nil, rank: (Int) -> [String]) -> Figures {
        var f = Figures(model: name)
        for i in max(1, start)..<(end ?? sessions.count) {
            let relevant = Set(sessions[i].exercises.map(\.loggedName))
            guard !relevant.isEmpty else { continue }
            let r = rank(i)
            f.sessions += 1
            let hits = r.prefix(5).filter(relevant.contains).count
            f.precisionAt5 += Double(hits) / 5
            f.precisionAt5Ceiling += Double(min(5, relevant.count)) / 5
            f.precisionAtDone += Double(hits) / Double(min(5, relevant.count))
            f.recallAt10 += Double(r.prefix(10).filter(relevant.contains).count) / Double(relevant.count)
            f.ndcgAt5 += RecommenderEvaluation.ndcg(r, relevant: relevant, k: 5)
        }
        let n = Double(max(1, f.sessions))
        f.precisionAt5 /= n; f.recallAt10 /= n; f.ndcgAt5 /= n
        f.precisionAt5Ceiling /= n; f.precisionAtDone /= n
        return f
    }

    /// The routine model from history alone, or with the session's own title given as the planned split.
    public func routine(_ model: RoutineModel, planned: Bool = false) -> (Int) -> [String] {
        { i in model.nextExercises(asOf: sessions[i].date, plannedSplit: planned ? sessions[i].title : nil).map(\.loggedName) }
    }

    /// Baseline: the lifter's most frequent exercises so far.
    public func mostFrequent(_ i: Int) -> [String] {
        var count: [String: Int] = [:]
        for s in sessions[..<i] { for e in s.exercises { count[e.loggedName, default: 0] += 1 } }
        return count.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(20).map(\.key)
    }

    /// Baseline: the last session of the split (session title) done longest ago among those done in
    /// the last 28 days (all titles when none), its exercises in order.
    public func splitDoneLongestAgo(_ i: Int) -> [String] {
        let now = sessions[i].date
        var last: [String: Int] = [:]
        for j in 0..<i where now.timeIntervalSince(sessions[j].date) <= 28 * 86_400 { last[sessions[j].title] = j }
        if last.isEmpty { for j in 0..<i { last[sessions[j].title] = j } }
        guard let oldest = last.values.min() else { return [] }
        return sessions[oldest].exercises.map(\.loggedName)
    }
}
