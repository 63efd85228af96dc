import Foundation

/// The next-workout LSTM reads the last 6 days as one of 7 workout types each. This maps a
/// user's sessions to those days:
///
/// - The window is the 6 calendar days (UTC) ending yesterday, predicting today; when a session
///   was logged today the window ends today and the prediction is for tomorrow.
/// - A day with no session is `rest`.
/// - Each session gets one type: a title keyword decides first (swim → swimming; cycle, bike,
///   spin, ride → cycling; yoga, pilates, mobility, stretch → yoga; HIIT, interval, tabata,
///   circuit, metcon, crossfit, bootcamp → HIIT; run, jog, walk, cardio, treadmill, elliptical,
///   rowing, erg → cardio). Otherwise each exercise votes: the same keywords on its name, else its
///   knowledge category (cardio → cardio, stretching → yoga, plyometrics → HIIT, the rest →
///   strength), else strength when it has sets with reps or weight, else cardio when it only has
///   distance or duration. The session takes the most-voted type; ties go to strength.
/// - A day with several sessions takes the most frequent session type (ties: strength first, then
///   HIIT, cardio, cycling, swimming, yoga).
public enum WorkoutTypeWindow {
    /// What the window reads of one logged session.
    public struct Session: Sendable, Hashable {
        public var startedAt: Date
        public var title: String?
        public var exercises: [Exercise]

        public init(startedAt: Date, title: String?, exercises: [Exercise]) {
            self.startedAt = startedAt
            self.title = title
            self.exercises = exercises
        }
    }

    /// What the window reads of one logged exercise.
    public struct Exercise: Sendable, Hashable {
        public var name: String
        /// The knowledge base's category (free-exercise-db spelling: `cardio`, `stretching`,
        /// `plyometrics`, `strength`, ...), when the name matched.
        public var category: String?
        /// Whether any set has reps or weight.
        public var lifted: Bool
        /// Whether any set has distance or duration.
        public var moved: Bool

        public init(name: String, category: String?, lifted: Bool, moved: Bool) {
            self.name = name
            self.category = category
            self.lifted = lifted
            self.moved = moved
        }
    }

    /// One day of the window.
    public struct TypedDay: Sendable, Hashable {
        public var day: Date
        public var type: WorkoutType
    }

    /// The 6 days the LSTM reads (oldest first) and the day it predicts.
    public static func window(_ sessions: [Session], now: Date) -> (days: [TypedDay], predictedDay: Date) {
        let cal = UTCDay.calendar
        let today = cal.startOfDay(for: now)
        let tomorrow = cal.date(byAdding: .day, value: 1, to: today)!
        let loggedToday = sessions.contains { $0.startedAt >= today && $0.startedAt < tomorrow }
        let last = loggedToday ? today : cal.date(byAdding: .day, value: -1, to: today)!
        let first = cal.date(byAdding: .day, value: -5, to: last)!
        let end = cal.date(byAdding: .day, value: 1, to: last)!
        var byDay: [Date: [WorkoutType]] = [:]
        for s in sessions where s.startedAt >= first && s.startedAt < end {
            byDay[cal.startOfDay(for: s.startedAt), default: []].append(sessionType(s))
        }
        let days = (0..<6).reversed().map { back -> TypedDay in
            let d = cal.date(byAdding: .day, value: -back, to: last)!
            return TypedDay(day: d, type: byDay[d].map { mostVoted($0) ?? .rest } ?? .rest)
        }
        return (days, cal.date(byAdding: .day, value: 1, to: last)!)
    }

    static let tieOrder: [WorkoutType] = [.strength, .hiit, .cardio, .cycling, .swimming, .yoga]

    static func mostVoted(_ votes: [WorkoutType]) -> WorkoutType? {
        guard !votes.isEmpty else { return nil }
        var counts: [WorkoutType: Int] = [:]
        for v in votes { counts[v, default: 0] += 1 }
        let best = counts.values.max()!
        return tieOrder.first { counts[$0] == best }
    }

    /// The type of one session (see the rules above).
    public static func sessionType(_ s: Session) -> WorkoutType {
        if let title = s.title, let t = keywordType(title) { return t }
        let votes = s.exercises.map { e -> WorkoutType in
            if let t = keywordType(e.name) { return t }
            if let category = e.category {
                switch category {
                case "cardio": return .cardio
                case "stretching": return .yoga
                case "plyometrics": return .hiit
                default: return .strength
                }
            }
            return !e.lifted && e.moved ? .cardio : .strength
        }
        return mostVoted(votes) ?? .strength
    }

    static let keywords: [(WorkoutType, [String])] = [
        (.swimming, ["swim", "swimming", "pool", "laps"]),
        (.cycling, ["cycle", "cycling", "bike", "biking", "spin", "ride", "peloton"]),
        (.yoga, ["yoga", "pilates", "mobility", "stretch", "stretching"]),
        (.hiit, ["hiit", "interval", "intervals", "tabata", "circuit", "metcon", "crossfit", "bootcamp", "emom", "amrap"]),
        (.cardio, ["run", "running", "jog", "jogging", "walk", "walking", "cardio", "treadmill", "elliptical", "rowing", "erg", "stairmaster"]),
    ]

    /// The type a name's words point to, or nil (whole words only: "Barbell Row" is not rowing).
    static func keywordType(_ text: String) -> WorkoutType? {
        let words = Set(ExerciseText.normalize(text).split(separator: " ").map(String.init))
        return keywords.first { !words.isDisjoint(with: $0.1) }?.0
    }
}
