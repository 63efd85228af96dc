import Coaching
import Foundation
import Knowledge
import Store

/// The next-workout LSTM reads the last 6 days as one of 7 workout types each. This converter maps
/// a user's log to those days:
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
extension CoachingInputs {
    /// One day of the window.
    public struct TypedDay: Sendable, Hashable {
        public var day: Date
        public var type: WorkoutType
    }

    /// The 6 days the LSTM reads (oldest first) and the day it predicts.
    public static func workoutTypeWindow(_ workouts: [StoredWorkout], now: Date,
                                         catalog: CoachingCatalog?) -> (days: [TypedDay], predictedDay: Date) {
        let cal = utcCalendar
        let today = cal.startOfDay(for: now)
        let tomorrow = cal.date(byAdding: .day, value: 1, to: today)!
        let loggedToday = workouts.contains { $0.workout.startedAt >= today && $0.workout.startedAt < tomorrow }
        let last = loggedToday ? today : cal.date(byAdding: .day, value: -1, to: today)!
        let first = cal.date(byAdding: .day, value: -5, to: last)!
        let end = cal.date(byAdding: .day, value: 1, to: last)!
        var byDay: [Date: [WorkoutType]] = [:]
        for w in workouts where w.workout.startedAt >= first && w.workout.startedAt < end {
            byDay[cal.startOfDay(for: w.workout.startedAt), default: []].append(sessionType(w.workout, catalog: catalog))
        }
        let days = (0..<6).reversed().map { back -> TypedDay in
            let d = cal.date(byAdding: .day, value: -back, to: last)!
            return TypedDay(day: d, type: byDay[d].map(dayType) ?? .rest)
        }
        return (days, cal.date(byAdding: .day, value: 1, to: last)!)
    }

    static let tieOrder: [WorkoutType] = [.strength, .hiit, .cardio, .cycling, .swimming, .yoga]

    static func dayType(_ sessions: [WorkoutType]) -> WorkoutType {
        mostVoted(sessions) ?? .rest
    }

    static func mostVoted(_ votes: [WorkoutType]) -> WorkoutType? {
        guard !votes.isEmpty else { return nil }
        var counts: [WorkoutType: Int] = [:]
        for v in votes { counts[v, default: 0] += 1 }
        let best = counts.values.max()!
        return tieOrder.first { counts[$0] == best }
    }

    /// The type of one session (see the rules above).
    public static func sessionType(_ w: NewWorkout, catalog: CoachingCatalog?) -> WorkoutType {
        if let title = w.title, let t = keywordType(title) { return t }
        let votes = w.exercises.map { e -> WorkoutType in
            if let t = keywordType(e.name) { return t }
            if let id = e.exerciseID, let category = catalog?.categories[id] {
                switch category {
                case .cardio: return .cardio
                case .stretching: return .yoga
                case .plyometrics: return .hiit
                default: return .strength
                }
            }
            let lifted = e.sets.contains { ($0.reps ?? 0) > 0 || ($0.weightKg ?? 0) > 0 }
            let moved = e.sets.contains { ($0.distanceMeters ?? 0) > 0 || ($0.durationSeconds ?? 0) > 0 }
            return !lifted && moved ? .cardio : .strength
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
        let words = Set(CoachingCatalog.normalize(text).split(separator: " ").map(String.init))
        return keywords.first { !words.isDisjoint(with: $0.1) }?.0
    }

    /// `YYYY-MM-DD` of a date in UTC.
    public static func dayString(_ date: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
