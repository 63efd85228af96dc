import Foundation

extension RecommendationReplay {
    /// Upper bounds on P@5 for a ranking model on sessions `start..<end`, so its figure can be read
    /// against what any ranking could reach with the same information:
    /// - `reordered`: the best reordering of the model's own top 10 (every performed exercise among
    ///   its first 10 moved to the front) — what a better ordering of the same candidates could reach;
    /// - `fromHistory`: the best ranking of every exercise logged before the session — what any model
    ///   that only proposes exercises from the lifter's history could reach (a never-logged exercise
    ///   cannot be predicted from it);
    /// - `ceiling`: a perfect ranking of what was performed (mean min(5, |done|) ÷ 5).
    public struct Bounds: Sendable {
        public var sessions = 0
        public var reordered = 0.0, fromHistory = 0.0, ceiling = 0.0
    }

    /// The P@5 bounds of `rank` (see `Bounds`), on the sessions `figures(_:from:to:rank:)` scores.
    public func bounds(from start: Int = 1, to end: Int? = nil, rank: (Int) -> [String]) -> Bounds {
        var b = Bounds(), logged = Set<String>()
        for s in sessions.prefix(max(1, start)) { logged.formUnion(s.exercises.map(\.loggedName)) }
        for i in max(1, start)..<(end ?? sessions.count) {
            defer { logged.formUnion(sessions[i].exercises.map(\.loggedName)) }
            let relevant = Set(sessions[i].exercises.map(\.loggedName))
            guard !relevant.isEmpty else { continue }
            b.sessions += 1
            b.reordered += Double(min(5, Set(rank(i).prefix(10)).intersection(relevant).count)) / 5
            b.fromHistory += Double(min(5, relevant.intersection(logged).count)) / 5
            b.ceiling += Double(min(5, relevant.count)) / 5
        }
        let n = Double(max(1, b.sessions))
        b.reordered /= n; b.fromHistory /= n; b.ceiling /= n
        return b
    }
}
