import Foundation
import Testing
@testable import Coaching

/// The rules learn the lifter: progress per exercise as logged, their own steps, evidence not the calendar.
@Suite struct OverloadLearningTests {
    let rules = OverloadRules()
    let profile = UserProfile(units: .kg, experience: .intermediate, goal: .hypertrophy)

    func session(_ dayIndex: Int, _ name: String, id: String? = nil, _ kg: Double?, _ reps: Int, rpe: Double?, sets: Int = 3) -> WorkoutSession {
        WorkoutSession(date: t0 + Double(dayIndex) * day, exercises: [
            ExercisePerformance(exerciseId: id ?? name, name: name, sets: (0..<sets).map { _ in LoggedSet(weightKg: kg, reps: reps, rpe: rpe) }),
        ])
    }

    func suggest(_ sessions: [WorkoutSession], _ exercise: String, daysLater: Double = 2) throws -> OverloadSuggestion {
        try rules.suggest(exerciseId: exercise, sessions: sessions, asOf: sessions.map(\.date).max()! + daysLater * day, profile: profile)
    }

    @Test func overload_whenHolding_keepsTheExactLastLoadNotAPlateGrid() throws {
        let s = try suggest([session(0, "Leg Curl (Machine)", 78, 10, rpe: 9), session(4, "Leg Curl (Machine)", 78, 10, rpe: 9)], "Leg Curl (Machine)")
        #expect(s.weight == 78)                    // not re-rounded to 77.5
        #expect(s.direction == .addReps || s.direction == .hold)
    }

    @Test func overload_whenIncreasing_stepsByTheLiftersOwnIncrement() throws {
        let log = [session(0, "Curl (Dumbbell)", 20, 10, rpe: 8.5), session(3, "Curl (Dumbbell)", 22, 10, rpe: 8.5),
                   session(6, "Curl (Dumbbell)", 24, 10, rpe: 7)]
        let s = try suggest(log, "Curl (Dumbbell)")
        #expect(s.direction == .increase)
        #expect(s.weight == 26)                    // the lifter's 2 kg dumbbell step, not 1.25 kg plates
        #expect(s.reasons.joined().contains("usually take"))
    }

    @Test func overload_whenTheLiftersStepChanged_stepsByTheMostRecentIncrement() throws {
        // 2 kg dumbbells, then a new gym with 1 kg steps: the median step (2 kg) is no longer on the rack.
        let log = [session(0, "Curl (Dumbbell)", 20, 10, rpe: 8.5), session(3, "Curl (Dumbbell)", 22, 10, rpe: 8.5),
                   session(6, "Curl (Dumbbell)", 24, 10, rpe: 8.5), session(9, "Curl (Dumbbell)", 25, 10, rpe: 8.5),
                   session(12, "Curl (Dumbbell)", 26, 10, rpe: 7)]
        let s = try suggest(log, "Curl (Dumbbell)")
        #expect(s.direction == .increase)
        #expect(s.weight == 27)
    }

    @Test func overload_tracksEachVariantAsLogged_andAnIdResolvesToTheLatestVariant() throws {
        let log = [session(0, "Triceps Pushdown (Cable)", id: "pushdown", 40, 10, rpe: 9),
                   session(2, "Triceps Pressdown (Machine)", id: "pushdown", 80, 10, rpe: 9),
                   session(4, "Triceps Pushdown (Cable)", id: "pushdown", 40, 10, rpe: 9)]
        #expect(try suggest(log, "Triceps Pushdown (Cable)").weight == 40)
        #expect(try suggest(log, "Triceps Pressdown (Machine)").weight == 80)
        let byId = try suggest(log, "pushdown")
        #expect(byId.weight == 40 && byId.loggedName == "Triceps Pushdown (Cable)" && byId.exerciseId == "pushdown")
        let f = TrainingFeatures.compute(sessions: log, asOf: t0 + 5 * day)
        #expect(try rules.suggest(exerciseId: "pushdown", features: f, profile: profile).weight == 40)
    }

    @Test func overload_withoutRPE_usesDoubleProgression() throws {
        let top = try suggest([session(0, "Row", 60, 10, rpe: nil), session(3, "Row", 60, 12, rpe: nil)], "Row")
        #expect(top.direction == .increase && top.weight > 60 && top.targetReps == 8)
        let mid = try suggest([session(0, "Row", 60, 9, rpe: nil), session(3, "Row", 60, 10, rpe: nil)], "Row")
        #expect(mid.direction == .addReps && mid.weight == 60 && mid.targetReps == 11)
    }

    @Test func overload_afterALongBreak_startsLighterInProportionToTheTimeOff() throws {
        let log = [session(0, "Squat", 100, 8, rpe: 9), session(3, "Squat", 100, 8, rpe: 9)]
        let week = try suggest(log, "Squat", daysLater: 7)
        let month = try suggest(log, "Squat", daysLater: 30)
        let year = try suggest(log, "Squat", daysLater: 420)
        #expect(week.direction != .deload)
        #expect(month.rule == .returnAfterBreak && month.weight < 100)
        #expect(year.rule == .returnAfterBreak && year.weight < month.weight && year.weight >= 70)
        #expect(year.reasons.joined().contains("420 days"))
    }

    @Test func overload_whenTwoGrindingSessionsLoseReps_deloadsUnlessTheLifterIsCalibratedToPushOn() throws {
        let lb = UserProfile(units: .lb, experience: .intermediate, goal: .strength)
        let kg = { (lb: Double) in WeightUnit.lb.toKilograms(lb) }
        let log = [WorkoutSession(date: t0, exercises: [ExercisePerformance(exerciseId: "Squat", name: "Squat", sets: [
                       LoggedSet(weightKg: kg(275), reps: 5, rpe: 9.5), LoggedSet(weightKg: kg(275), reps: 4, rpe: 10)])]),
                   WorkoutSession(date: t0 + 4 * day, exercises: [ExercisePerformance(exerciseId: "Squat", name: "Squat", sets: [
                       LoggedSet(weightKg: kg(275), reps: 4, rpe: 10), LoggedSet(weightKg: kg(275), reps: 3, rpe: 10)])])]
        let s = try rules.suggest(exerciseId: "Squat", sessions: log, asOf: t0 + 6 * day, profile: lb)
        #expect(s.direction == .deload && s.weight == 247.5)          // 275 − 10%, on 2.5 lb steps
        var pushOn = rules
        pushOn.calibration.deloadWhenRepsFall = false
        #expect(try pushOn.suggest(exerciseId: "Squat", sessions: log, asOf: t0 + 6 * day, profile: lb).direction == .hold)
    }

    @Test func overload_bodyweightSetsToFailure_neverSuggestZeroKilogramDeloads() throws {
        let log = [session(0, "Pull Up", nil, 10, rpe: 8), session(3, "Pull Up", nil, 10, rpe: 8), session(6, "Pull Up", nil, 10, rpe: 8),
                   session(9, "Pull Up", nil, 5, rpe: 10), session(12, "Pull Up", nil, 4, rpe: 10)]
        let s = try rules.suggest(exerciseId: "Pull Up", sessions: log, checkIns: [CheckIn(date: t0 + 13 * day, sleepHours: 4)],
                                  asOf: t0 + 13 * day, profile: profile)
        #expect(s.direction != .deload)
        #expect(s.weight == 0 && s.targetReps >= 1)
    }

    @Test func overload_assistedExercise_progressesByTakingAssistanceOff() throws {
        let easy = try suggest([session(0, "Pull Up (Assisted)", 30, 10, rpe: 7), session(3, "Pull Up (Assisted)", 30, 10, rpe: 7)],
                               "Pull Up (Assisted)")
        #expect(easy.direction == .increase && easy.weight < 30)
    }

    @Test func overload_afterALightSession_returnsToTheWorkingLoad() throws {
        let log = [session(0, "Bench", 100, 8, rpe: 9), session(3, "Bench", 100, 8, rpe: 9), session(6, "Bench", 80, 8, rpe: 7)]
        let s = try suggest(log, "Bench")
        #expect(s.rule == .backToWorkingLoad && s.weight == 100)
    }

    @Test func outcome_classifiesWhatTheLifterDidAgainstTheSuggestion() {
        #expect(SuggestionOutcome.classify(suggestedKg: 100, targetReps: 8, actualKg: 100, actualReps: 8) == .accepted)
        #expect(SuggestionOutcome.classify(suggestedKg: 100, targetReps: 8, actualKg: 102.5, actualReps: 8) == .changedUp)
        #expect(SuggestionOutcome.classify(suggestedKg: 100, targetReps: 8, actualKg: 95, actualReps: 8) == .changedDown)
        #expect(SuggestionOutcome.classify(suggestedKg: 100, targetReps: 8, actualKg: 100, actualReps: 5) == .failed)
        var t = OutcomeTally()
        [.accepted, .accepted, .failed, .changedUp].forEach { t.add($0) }
        #expect(t.total == 4 && t.acceptanceRate == 0.5)
    }

    @Test func calibration_movesTheRPEThresholdOnlyWhenTheLiftersHistoryClearlySaysSo() {
        // A lifter who adds load after every RPE 9 session: the threshold rises to 9.
        let climber = (0..<40).map { i in session(i * 3, "Press", 50 + 2.5 * Double(i), 8, rpe: 9) }
        let outcomes = SuggestionOutcomes(sessions: climber, profile: profile)
        #expect(outcomes.overall.total == 39)
        #expect(outcomes.calibrated(rules).calibration.increaseAtRPE == 9)
        // Too little history: unchanged.
        let short = SuggestionOutcomes(sessions: Array(climber.prefix(5)), profile: profile)
        #expect(short.calibrated(rules).calibration.increaseAtRPE == 8)
    }
}
