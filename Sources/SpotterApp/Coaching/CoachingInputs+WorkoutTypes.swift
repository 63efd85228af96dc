import Coaching
import Foundation
import Knowledge
import Store

/// The next-workout window over stored workouts: each session as Coaching's
/// `WorkoutTypeWindow.Session` (title, exercise names, their knowledge categories, whether they
/// have lifted or moved sets); the rules live in `WorkoutTypeWindow`.
extension CoachingInputs {
    public typealias TypedDay = WorkoutTypeWindow.TypedDay

    /// The 6 days the LSTM reads (oldest first) and the day it predicts.
    public static func workoutTypeWindow(_ workouts: [StoredWorkout], now: Date,
                                         catalog: CoachingCatalog?) -> (days: [TypedDay], predictedDay: Date) {
        WorkoutTypeWindow.window(workouts.map { outline($0.workout, catalog: catalog) }, now: now)
    }

    /// The type of one session (see `WorkoutTypeWindow`).
    public static func sessionType(_ w: NewWorkout, catalog: CoachingCatalog?) -> WorkoutType {
        WorkoutTypeWindow.sessionType(outline(w, catalog: catalog))
    }

    static func outline(_ w: NewWorkout, catalog: CoachingCatalog?) -> WorkoutTypeWindow.Session {
        WorkoutTypeWindow.Session(startedAt: w.startedAt, title: w.title, exercises: w.exercises.map { e in
            WorkoutTypeWindow.Exercise(
                name: e.name, category: e.exerciseID.flatMap { catalog?.categories[$0]?.rawValue },
                lifted: e.sets.contains { ($0.reps ?? 0) > 0 || ($0.weightKg ?? 0) > 0 },
                moved: e.sets.contains { ($0.distanceMeters ?? 0) > 0 || ($0.durationSeconds ?? 0) > 0 })
        })
    }

    /// `YYYY-MM-DD` of a date in UTC.
    public static func dayString(_ date: Date) -> String { UTCDay(date).text }
}
