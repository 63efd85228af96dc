import Foundation
import Testing
@testable import Coaching

/// The habit reads how the last session's sets at the top load went: a lifter who adds load only
/// after the reps held across their sets is told to add load after such a session, and to hold
/// after one where the reps fell off.
@Suite struct ProgressionHabitSetsTests {
    let profile = UserProfile(units: .kg, experience: .intermediate, goal: .hypertrophy)

    /// Whether session `i` held its reps across the three sets (an irregular pattern, so that the
    /// sessions at a weight say nothing).
    func held(_ i: Int) -> Bool { (i * 7 + i / 3) % 5 < 2 }

    /// A lifter at RPE 9.5 (the rules say hold) who adds 2.5 kg after each session whose reps held
    /// (10, 10, 10) and keeps the load after one whose reps fell (10, 8, 7).
    func log(_ count: Int) -> [WorkoutSession] {
        var kg = 60.0, out: [WorkoutSession] = []
        for i in 0..<count {
            let reps = held(i) ? [10, 10, 10] : [10, 8, 7]
            out.append(WorkoutSession(date: t0 + Double(3 * i) * day, exercises: [
                ExercisePerformance(exerciseId: "Row", name: "Row", sets: reps.map { LoggedSet(weightKg: kg, reps: $0, rpe: 9.5) }),
            ]))
            if held(i) { kg += 2.5 }
        }
        return out
    }

    func calibratedSuggestion(_ log: [WorkoutSession]) throws -> OverloadSuggestion {
        let rules = SuggestionOutcomes(sessions: log, profile: profile).calibrated(OverloadRules())
        return try rules.suggest(exerciseId: "Row", sessions: log, asOf: log.last!.date + 3 * day, profile: profile)
    }

    @Test func summary_readsTheSetsAtTheTopLoadAndHowTheirRepsMoved() throws {
        let f = try #require(ExerciseFeatures.compute(loggedName: "Row", sessions: log(2)))   // session 1: 10, 8, 7
        #expect(!held(1))
        #expect(f.last?.setsAtTopLoad == 3)
        #expect(f.last?.repsChangeAtTopLoad == -3)
    }

    @Test func habit_afterASessionWhoseRepsHeld_addsLoadLikeTheLifterDoes() throws {
        let n = (60..<90).first { held($0 - 1) }!
        let s = try calibratedSuggestion(log(n))
        #expect(s.direction == .increase)
        #expect(s.rule == .usualIncrease)
        #expect(s.reasons.joined().contains("the reps held"))
    }

    @Test func habit_afterASessionWhoseRepsFellOff_holdsLikeTheLifterDoes() throws {
        let n = (60..<90).first { !held($0 - 1) }!
        let s = try calibratedSuggestion(log(n))
        #expect(s.direction == .hold || s.direction == .addReps)
        #expect(s.weightKg == log(n).last!.exercises[0].topSet!.weightKg!)
    }
}
