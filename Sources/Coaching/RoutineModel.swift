import Foundation

/// The lifter's routine, learned from their own log: the splits they rotate through, their order
/// and recency, so the next session can be predicted from history alone.
///
/// - Splits: sessions are grouped in date order; a session joins the split whose most recent
///   session it resembles most (Jaccard similarity of the exercise names as logged, +0.2 when the
///   normalised titles match), when that similarity is at least `joinSimilarity` (0.4); else it
///   starts a new split. Titles are normalised by case, brackets, "Block N" and "(Deload/Intro)".
/// - Next split: among the splits done in the last `activeDays` (35), each scores
///   `recencyWeight` × (days since done ÷ the longest of them) + the share of times it followed the
///   last split + the share of times it followed the last two (both with recency half-life of
///   10 sessions). A split already done today is not next. An app that knows the plan passes its
///   title (`plannedSplit`): the sessions with that normalised title come first — or, for a title
///   never logged, those whose title starts with the same word and shares at least half its words
///   with it, a title the planned one extends first ("Arms 2" for "Arms 2 + Weakpoint", though
///   "Arms 1 + Weakpoint" shares more words), else the one sharing the most ("Lower // Ramp //
///   Strength // 2" after "… // 1").
/// - Exercises: by their chance of being in the next session, Σ over splits of P(split) × the
///   exercise's share of that split's last 3 sessions (later sessions weigh more), with P(split) a
///   softmax of the split scores at temperature 0.35; ties by position in the session. With a
///   planned split, its titled sessions' exercises lead, each weighted by how often the lifter
///   does it again in the next session of the same title (its carry-over rate, shrunk towards
///   0.95 with a weight of 2 sessions), so optional items like a "Warm Up" logged now and then
///   come after the exercises always done. Then everything else by frequency.
///
/// Thresholds (0.4, 35 days, 3 sessions, half-life 10, recency weight 0.5, temperature 0.35, the
/// carry-over prior 0.95 × 2 sessions, the extended-title rule with its half-the-words floor) were
/// chosen on the first half of the shared Hevy export; `spotter bench replay` reports the second
/// half with them. Tried there and not kept (each within ±0.003 of P@5 on the first half, or worse):
/// the raw title ("Block 1") matched before the normalised one, the last titled session alone
/// (when recent, or after a program change), titled sessions weighted by age in days, a drop for
/// exercises left out of the last titled session and not done since, a rise for exercises that
/// entered another split's latest session, 1-for-1 swaps seen in other splits, carry-over per
/// title, position in the session, an exercise's presence in the latest sessions of every title it
/// belongs to, carry-over weighted by time of day or recency, a logistic ranking refitted before
/// every session, and a generic title ("Arms") resolved to the matching one due next. The replay's
/// bounds (`RecommendationReplay.bounds`) show how little is left: on that log the best order of
/// this model's own top 10 reaches P@5 0.859, against its 0.834.
public struct RoutineModel: Sendable {
    /// One split: its sessions' indices into `sessions`, oldest first.
    public struct Split: Sendable, Hashable {
        public var index: Int
        public var sessionIndices: [Int]
        public var titles: Set<String>
    }

    /// One ranked exercise (name as logged, with the id it was logged under).
    public struct Candidate: Sendable, Hashable {
        public var loggedName: String
        public var exerciseId: String
        /// The split it comes from (nil: filled by frequency).
        public var split: Int?
        public var score: Double
    }

    public let sessions: [WorkoutSession]
    public let splits: [Split]
    /// Split of each session.
    public let labels: [Int]
    /// Each session's normalised title.
    let titles: [String]
    public var joinSimilarity: Double = 0.4
    public var activeDays: Double = 35
    public var recencyWeight: Double = 0.5
    public var sessionsPerSplit: Int = 3
    /// Extra weight per step of recency among a split's last sessions.
    public var recencyBoost: Double = 0.5
    /// Softmax temperature over split scores for ranking exercises by their chance of being done
    /// next; 0 ranks split by split.
    public var splitTemperature: Double = 0.35
    /// Sessions with the planned title that lead the list when the app names the split.
    public var plannedSessions: Int = 3
    /// The carry-over rate an exercise starts from (`carryOverRates(before:)`), and the weight of
    /// that prior in sessions.
    public var carryOverPrior: Double = 0.95
    public var carryOverPriorWeight: Double = 2

    /// Learns the routine from `sessions` (any order).
    public init(sessions unsorted: [WorkoutSession], joinSimilarity: Double = 0.4) {
        let sessions = unsorted.sorted { $0.date < $1.date }
        self.sessions = sessions
        self.joinSimilarity = joinSimilarity
        var splits: [Split] = [], labels: [Int] = []
        var lastNames: [Set<String>] = [], lastTitle: [String] = []
        for (i, s) in sessions.enumerated() {
            let names = Set(s.exercises.map(\.loggedName))
            let title = Self.normalise(s.title)
            var best = -1, bestSim = 0.0
            for k in splits.indices {
                let sim = Self.jaccard(names, lastNames[k]) + (!title.isEmpty && title == lastTitle[k] ? 0.2 : 0)
                if sim > bestSim { bestSim = sim; best = k }
            }
            if best >= 0, bestSim >= joinSimilarity {
                splits[best].sessionIndices.append(i); splits[best].titles.insert(title)
                lastNames[best] = names; lastTitle[best] = title
                labels.append(best)
            } else {
                splits.append(Split(index: splits.count, sessionIndices: [i], titles: [title]))
                lastNames.append(names); lastTitle.append(title)
                labels.append(splits.count - 1)
            }
        }
        self.splits = splits
        self.labels = labels
        titles = sessions.map { Self.normalise($0.title) }
    }

    /// Lower case, no brackets, no "block N", no "deload/intro", single spaces.
    public static func normalise(_ title: String) -> String {
        var t = title.lowercased()
        while let open = t.firstIndex(of: "("), let close = t[open...].firstIndex(of: ")") { t.removeSubrange(open...close) }
        var words = t.split(whereSeparator: { $0 == " " || $0 == "/" }).map(String.init)
        if let b = words.firstIndex(of: "block"), b + 1 < words.count, Int(words[b + 1]) != nil { words.removeSubrange(b...(b + 1)) }
        return words.joined(separator: " ")
    }

    static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        let u = a.union(b).count
        return u == 0 ? 0 : Double(a.intersection(b).count) / Double(u)
    }
}
