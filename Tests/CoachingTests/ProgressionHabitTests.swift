import Foundation
import Testing
@testable import Coaching

/// The lifter's own progression habit (`ProgressionHabit`), learned online from their earlier
/// transitions, decides hold versus up where the rules make a non-safety call.
@Suite struct ProgressionHabitTests {
    let profile = UserProfile(units: .kg, experience: .intermediate, goal: .hypertrophy)

    /// A lifter at RPE 9.5 (the rules say hold) who adds 2.5 kg after every second session at a weight.
    func everySecondSession(_ count: Int, from kg: Double = 60) -> [WorkoutSession] {
        (0..<count).map { i in
            WorkoutSession(date: t0 + Double(3 * i) * day, exercises: [
                ExercisePerformance(exerciseId: "Row", name: "Row", sets: (0..<3).map { _ in
                    LoggedSet(weightKg: kg + 2.5 * Double(i / 2), reps: 10, rpe: 9.5)
                }),
            ])
        }
    }

    func calibratedSuggestion(_ log: [WorkoutSession]) throws -> OverloadSuggestion {
        let rules = SuggestionOutcomes(sessions: log, profile: profile).calibrated(OverloadRules())
        return try rules.suggest(exerciseId: "Row", sessions: log, asOf: log.last!.date + 3 * day, profile: profile)
    }

    @Test func habit_whenTheLifterAlwaysAddsLoadAfterTwoSessions_saysUpAfterTwoSessions() throws {
        let log = everySecondSession(60)               // ends on the second session at 133.5 − 2.5 kg
        let s = try calibratedSuggestion(log)
        #expect(s.direction == .increase)
        #expect(s.rule == .usualIncrease)
        #expect(s.weightKg == log.last!.exercises[0].topSet!.weightKg! + 2.5)   // their own 2.5 kg step
        #expect(s.reasons.joined().contains("after 2 sessions at a weight"))
    }

    @Test func habit_whenTheLifterAlwaysAddsLoadAfterTwoSessions_holdsAfterTheFirst() throws {
        let log = everySecondSession(61)               // ends on the first session at a new weight
        let s = try calibratedSuggestion(log)
        #expect(s.direction == .hold || s.direction == .addReps)
        #expect(s.weightKg == log.last!.exercises[0].topSet!.weightKg!)
    }

    @Test func habit_neverOverridesTheSafetyRules() throws {
        let log = everySecondSession(60)
        let rules = SuggestionOutcomes(sessions: log, profile: profile).calibrated(OverloadRules())
        let afterBreak = try rules.suggest(exerciseId: "Row", sessions: log, asOf: log.last!.date + 40 * day, profile: profile)
        #expect(afterBreak.rule == .returnAfterBreak && afterBreak.direction == .deload)
        let tired = try rules.suggest(exerciseId: "Row", sessions: log,
                                      checkIns: [CheckIn(date: log.last!.date + 2 * day, sleepHours: 4)],
                                      asOf: log.last!.date + 3 * day, profile: profile)
        #expect(tired.rule == .poorRecovery && tired.direction == .deload)
    }

    @Test func habit_whenTheLifterNeverAddsLoadOnEasySets_holdsWhereTheRulesWouldAdd() throws {
        // RPE 7 every time (the rules say add load), yet the lifter keeps the weight for months.
        let log = (0..<60).map { i in
            WorkoutSession(date: t0 + Double(3 * i) * day, exercises: [
                ExercisePerformance(exerciseId: "Row", name: "Row", sets: (0..<3).map { _ in LoggedSet(weightKg: 50, reps: 10, rpe: 7) }),
            ])
        }
        let plain = try OverloadRules().suggest(exerciseId: "Row", sessions: log, asOf: log.last!.date + 3 * day, profile: profile)
        #expect(plain.direction == .increase)
        let s = try calibratedSuggestion(log)
        #expect(s.rule == .usualHold && s.direction == .hold && s.weightKg == 50)
        #expect(s.reasons.joined().contains("usually keep the load"))
    }

    @Test func habit_withTooFewTransitions_abstains() throws {
        let log = everySecondSession(20)
        let rules = SuggestionOutcomes(sessions: log, profile: profile).calibrated(OverloadRules(), minimumCases: 10)
        #expect(rules.calibration.habit.map { !$0.isConfident } ?? true)
        let s = try rules.suggest(exerciseId: "Row", sessions: log, asOf: log.last!.date + 3 * day, profile: profile)
        #expect(s.rule == .highEffort)
    }

    @Test func evidence_readsSessionsAtAWeightAndTheRepsAtEachIncrease() throws {
        let f = try #require(ExerciseFeatures.compute(loggedName: "Row", sessions: everySecondSession(7)))
        let e = ProgressionHabit.evidence(f)
        #expect(e.sessionsAtWeight == 1)                     // the 7th session is the first at 67.5 kg
        #expect(e.typicalSessionsBeforeIncrease == 2)
        #expect(e.typicalRepsAtIncrease == 10)
        #expect(e.increases == 3 && e.transitions == 6)
    }

    @Test func fit_onSeparableTransitions_putsEachSideOfOneHalf() throws {
        let up = try #require(ExerciseFeatures.compute(loggedName: "Row", sessions: everySecondSession(40)))   // 2nd at a weight
        let hold = try #require(ExerciseFeatures.compute(loggedName: "Row", sessions: everySecondSession(41)))  // 1st at a weight
        let habit = ProgressionHabit.fit(Array(repeating: (up, true), count: 30) + Array(repeating: (hold, false), count: 30))
        #expect(habit.cases == 60 && habit.isConfident)
        #expect(habit.probabilityUp(up) > 0.8)
        #expect(habit.probabilityUp(hold) < 0.2)
    }
}
