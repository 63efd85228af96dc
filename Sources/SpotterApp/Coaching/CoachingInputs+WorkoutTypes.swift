import Coaching
import Foundation
import Store

/// Workout types of stored workouts for the next-workout model: the rules live in Coaching's
/// `SessionTyping` (title keywords, then each exercise's name, knowledge category, or whether
/// its sets carry load or only distance/duration).
extension CoachingInputs {
    /// The type of one session.
    public static func sessionType(_ w: NewWorkout, catalog: CoachingCatalog?) -> WorkoutType {
        SessionTyping.type(of: session(w, catalog: catalog), category: { catalog?.categories[$0]?.rawValue })
    }

    /// `YYYY-MM-DD` of a date in UTC.
    public static func dayString(_ date: Date) -> String { UTCDay(date).text }
}
