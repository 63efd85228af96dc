import Foundation
import Testing
@testable import Coaching

/// Where a load step comes from when the exercise has none of its own, and where a lifter goes back
/// to after a light day.
@Suite struct OverloadStepTests {
    let profile = UserProfile(units: .kg, experience: .intermediate, goal: .hypertrophy)

    func session(_ dayIndex: Int, _ name: String, _ kg: Double, _ reps: Int, rpe: Double?) -> WorkoutSession {
        WorkoutSession(date: t0 + Double(dayIndex) * day, exercises: [
            ExercisePerformance(exerciseId: name, name: name, sets: (0..<3).map { _ in LoggedSet(weightKg: kg, reps: reps, rpe: rpe) }),
        ])
    }

    func suggest(_ rules: OverloadRules, _ log: [WorkoutSession], _ name: String) throws -> OverloadSuggestion {
        try rules.suggest(exerciseId: name, sessions: log, asOf: log.map(\.date).max()! + 2 * day, profile: profile)
    }

    @Test func loadSteps_learnTheMostCommonStepPerGrid() {
        // Plates: 5, 5, 2.5 from multiples of 2.5 kg; dumbbells: 2, 2, 2 from 14, 16, 22 kg.
        let steps = LoadSteps(changes: [(40, 45), (60, 65), (50, 52.5), (14, 16), (16, 18), (22, 24)])
        #expect(steps.byGrid[.plates] == 5)
        #expect(steps.byGrid[.dumbbells] == 2)
        #expect(steps.step(fromKg: 70) == 5)
        #expect(steps.step(fromKg: 26) == 2)
        #expect(steps.step(fromKg: 7.3) == steps.overall)        // no grid: the step over every grid
    }

    @Test func loadSteps_ignoreDecreasesJumpsOverAQuarterAndTooFewIncreases() {
        let steps = LoadSteps(changes: [(40, 60), (60, 50), (50, 50), (40, 45), (45, 50)])
        #expect(steps.overall == nil)                             // two real steps: below the minimum of 3
        #expect(LoadSteps.Grid(kilograms: 17.5) == .plates)
        #expect(LoadSteps.Grid(kilograms: 18) == .dumbbells)
        #expect(LoadSteps.Grid(kilograms: 20.41) == .other)
    }

    @Test func overload_withoutAStepOfItsOwn_usesTheLiftersUsualStepAtThatGrid() throws {
        var rules = OverloadRules()
        rules.calibration.usualSteps = LoadSteps(byGrid: [.plates: 5, .dumbbells: 2], overall: 2)
        let log = [session(0, "Leg Press (Machine)", 120, 10, rpe: 7)]
        let s = try suggest(rules, log, "Leg Press (Machine)")
        #expect(s.direction == .increase)
        #expect(s.weight == 125)                                  // the lifter's 5 kg, not 2.5% rounded to plates
        #expect(s.reasons.contains { $0.contains("other exercises") })
        let plain = try suggest(OverloadRules(), log, "Leg Press (Machine)")
        #expect(plain.weight != 125)                              // without the calibration: plates
    }

    @Test func overload_withAStepOfItsOwn_prefersItOverTheUsualStep() throws {
        var rules = OverloadRules()
        rules.calibration.usualSteps = LoadSteps(byGrid: [.plates: 5], overall: 5)
        let log = [session(0, "Row", 50, 10, rpe: 8.5), session(3, "Row", 52.5, 10, rpe: 7)]
        let s = try suggest(rules, log, "Row")
        #expect(s.weight == 55)                                   // its own 2.5 kg
    }

    @Test func calibration_learnsTheUsualStepsFromTheLog() {
        // Dumbbell curls that go up 2 kg at a time, five times over.
        let log = (0..<6).map { i in session(i * 3, "Curl (Dumbbell)", 12 + 2 * Double(i), 10, rpe: 8) }
        let outcomes = SuggestionOutcomes(sessions: log, profile: profile)
        let rules = outcomes.calibrated(OverloadRules(), minimumCases: 3)
        #expect(rules.calibration.usualSteps?.step(fromKg: 24) == 2)
    }

    @Test func overload_afterALightDay_returnsToTheLoadOfTheSessionBefore() throws {
        // 62.5, then 60 (a lighter week), then 50 (a bad day): back to 60, where the lifter was.
        let log = [session(0, "Bench", 62.5, 8, rpe: 9), session(3, "Bench", 60, 8, rpe: 9), session(6, "Bench", 50, 8, rpe: 7)]
        let s = try suggest(OverloadRules(), log, "Bench")
        #expect(s.rule == .backToWorkingLoad && s.weight == 60)
    }
}
