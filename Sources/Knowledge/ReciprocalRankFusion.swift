/// Reciprocal-rank fusion (Cormack, Clarke & Büttcher 2009): score(d) = Σ_lists 1 / (k + rank(d)),
/// ranks starting at 1. Robust to the incomparable scales of BM25 and cosine.
enum ReciprocalRankFusion {
    /// The customary constant; it damps the weight of the very top ranks.
    static let k = 60.0

    /// Fuses ranked lists of ids; ties break by first appearance (earlier list, higher rank).
    static func fuse(_ lists: [[String]], k: Double = 60) -> [(id: String, score: Double)] {
        var scores: [String: Double] = [:]
        var order: [String: Int] = [:]
        for list in lists {
            for (rank, id) in list.enumerated() {
                scores[id, default: 0] += 1 / (k + Double(rank + 1))
                if order[id] == nil { order[id] = order.count }
            }
        }
        return scores.map { (id: $0.key, score: $0.value) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : order[$0.id]! < order[$1.id]! }
    }
}
