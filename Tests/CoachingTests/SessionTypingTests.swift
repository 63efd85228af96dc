import Foundation
import Testing
@testable import Coaching

@Suite struct SessionTypingTests {
    func s(_ title: String, _ name: String, _ set: LoggedSet, dayIndex: Int = 0) -> WorkoutSession {
        WorkoutSession(date: t0 + Double(dayIndex) * day, title: title, exercises: [ExercisePerformance(exerciseId: name, name: name, sets: [set])])
    }

    @Test func sessionType_distanceOrDurationOnly_isCardio_andLiftsAreStrength() {
        #expect(SessionTyping.type(of: s("Afternoon workout", "Elliptical Trainer", LoggedSet(weightKg: nil, reps: 0, durationSeconds: 1200))) == .cardio)
        #expect(SessionTyping.type(of: s("Afternoon workout", "Stairs", LoggedSet(weightKg: nil, reps: 0, distanceMeters: 2000))) == .cardio)
        #expect(SessionTyping.type(of: s("Pull", "Barbell Row", LoggedSet(weightKg: 60, reps: 8))) == .strength)   // not "rowing"
        #expect(SessionTyping.type(of: s("Morning Run", "Anything", LoggedSet(weightKg: nil, reps: 0))) == .cardio)
        #expect(SessionTyping.type(of: s("Yoga flow", "Sun salutation", LoggedSet(weightKg: nil, reps: 5))) == .yoga)
    }

    @Test func days_fillsRestDaysBetweenSessions() {
        let log = [s("A", "Squat", LoggedSet(weightKg: 100, reps: 5)), s("B", "Bike", LoggedSet(weightKg: nil, reps: 0, durationSeconds: 600), dayIndex: 3)]
        #expect(SessionTyping.days(log, from: t0, through: t0 + 3 * day) == [.strength, .rest, .rest, .cycling])
    }

    @Test func personalRhythm_aLifterWhoNeverCyclesIsNeverToldToCycle() {
        // A prior that says "cycling" (what a profile-only model might answer).
        var prior = [Double](repeating: 0.05, count: 7); prior[WorkoutType.cycling.rawValue] = 0.7
        let rhythm = PersonalRhythm()
        let cold = rhythm.predict(days: [], prior: prior)
        #expect(cold == prior)                                     // no history: the prior decides
        let weeks: [WorkoutType] = (0..<56).map { [.strength, .strength, .rest, .strength, .strength, .rest, .rest][$0 % 7] }
        for end in 14...56 {
            let p = rhythm.predict(days: Array(weeks[..<end]), prior: prior)
            let best = p.indices.max { p[$0] < p[$1] }!
            #expect(best == WorkoutType.strength.rawValue || best == WorkoutType.rest.rawValue)
            #expect(abs(p.reduce(0, +) - 1) < 1e-9)
        }
    }
}
