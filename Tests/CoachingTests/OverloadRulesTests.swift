import Foundation
import Testing
@testable import Coaching

@Suite struct OverloadRulesTests {
    let rules = OverloadRules()
    let profile = UserProfile(units: .kg, experience: .intermediate, goal: .hypertrophy)

    func suggest(_ sessions: [WorkoutSession], checkIns: [CheckIn] = [], profile: UserProfile? = nil,
                 id: String = "Barbell_Squat") throws -> OverloadSuggestion {
        let asOf = sessions.map(\.date).max()! + day
        let f = TrainingFeatures.compute(sessions: sessions, checkIns: checkIns, asOf: asOf)
        return try rules.suggest(exerciseId: id, features: f, profile: profile ?? self.profile)
    }

    @Test func overload_whenEasyAtTopOfRangeWithGoodRecovery_increasesLoad() throws {
        let s = try suggest([squat(0, 100, 12, rpe: 6.5), squat(3, 100, 12, rpe: 6.5)],
                            checkIns: [CheckIn(date: t0 + 4 * day, sleepHours: 8, soreness: 2)])
        #expect(s.direction == .increase)
        #expect(s.weight == 105)                   // +5% for a lower-body lift, on 1.25 kg steps
        #expect(s.targetReps == 8)                 // back to the bottom of 8–12
        #expect(s.allowPRAttempt)
        #expect(s.reasons.joined().contains("add load"))
    }

    @Test func overload_whenUpperBodyIsEasy_addsSmallerIncrementRoundedToPlates() throws {
        let s = try suggest([bench(0, 60, 12, rpe: 6), bench(3, 60, 12, rpe: 6)], id: "Barbell_Bench_Press")
        #expect(s.direction == .increase)
        #expect(s.weight == 61.25)                 // 60 × 1.025 = 61.5 → nearest 1.25 kg step
    }

    @Test func overload_whenSleepFiveHoursAndSoreness8_deloadsWithoutPRAttempt() throws {
        let s = try suggest([squat(0, 100, 10, rpe: 7), squat(3, 100, 11, rpe: 7)],
                            checkIns: [CheckIn(date: t0 + 4 * day, sleepHours: 5, soreness: 8)])
        #expect(s.direction == .deload)
        #expect(s.rule == .poorRecovery)
        #expect(!s.allowPRAttempt)
        #expect(s.weight == 90)                    // 100 − 10%, rounded down
        #expect(s.weight < 100)
        let text = s.reasons.joined(separator: " ")
        #expect(text.contains("5 h") && text.contains("8/10") && text.contains("rest day"))
    }

    @Test func overload_whenSleepUnderSixHours_deloads() throws {
        let s = try suggest([squat(0, 100, 10, rpe: 6), squat(3, 100, 12, rpe: 6)],
                            checkIns: [CheckIn(date: t0 + 4 * day, sleepHours: 5.5, soreness: 3)])
        #expect(s.direction == .deload)            // even though the sets were easy
    }

    @Test func overload_whenEnergyAtTwoOrLess_deloadsAsFatigued() throws {
        let s = try suggest([squat(0, 100, 10, rpe: 7)], checkIns: [CheckIn(date: t0 + day, sleepHours: 8, energy: 2)])
        #expect(s.direction == .deload && !s.allowPRAttempt)
    }

    @Test func overload_whenOneSessionNearMaximal_holdsTheExactLoad() throws {
        let s = try suggest([squat(0, 100, 10, rpe: 8), squat(3, 105, 8, rpe: 10)])
        #expect(s.direction == .hold)              // one hard day is not evidence of fatigue
        #expect(s.rule == .highEffort)
        #expect(s.weight == 105)
    }

    @Test func overload_whenTwoSessionsNearMaximalMissTheRange_deloads() throws {
        let s = try suggest([squat(0, 100, 10, rpe: 8), squat(3, 100, 10, rpe: 8), squat(6, 100, 10, rpe: 8),
                             squat(9, 105, 7, rpe: 10), squat(12, 105, 6, rpe: 10)])
        #expect(s.direction == .deload)
        #expect(s.rule == .missedReps)
        #expect(s.weight == 93.75)                 // 105 × 0.9 = 94.5 → down to 93.75
        #expect(s.reasons.joined().contains("missed 8 reps"))
    }

    @Test func overload_whenStalledThreeSessions_addsReps() throws {
        let sessions = [squat(0, 100, 9, rpe: 8.5), squat(3, 100, 9, rpe: 8.5), squat(7, 100, 9, rpe: 8.5),
                        squat(10, 100, 9, rpe: 8.5)]
        let f = TrainingFeatures.compute(sessions: sessions, asOf: t0 + 11 * day)
        #expect(f.stalls == ["Barbell_Squat"])
        let s = try suggest(sessions)
        #expect(s.direction == .addReps)
        #expect(s.rule == .stalled)
        #expect(s.weight == 100)
        #expect(s.targetReps == 10)
    }

    @Test func overload_whenModerateEffort_holdsLoadAndAimsForOneMoreRep() throws {
        let s = try suggest([squat(0, 97.5, 9, rpe: 8.5), squat(3, 100, 9, rpe: 8.5)])
        #expect(s.direction == .addReps)
        #expect(s.rule == .progressing)
        #expect(s.weight == 100 && s.targetReps == 10)
    }

    @Test func overload_afterSixHardWeeksStillProgressing_doesNotDeloadByTheCalendar() throws {
        // Three hard sessions a week (days 0, 2, 4 of each week) for six weeks, load rising.
        let sessions: [WorkoutSession] = (0..<18).map { (i: Int) -> WorkoutSession in
            squat((i / 3) * 7 + (i % 3) * 2, 100 + Double(i), 10, rpe: 9)
        }
        let s = try suggest(sessions)
        #expect(s.direction != .deload)
        #expect(s.weight == 117)                   // the exact last load, held at RPE 9
    }

    @Test func overload_inPounds_roundsToTwoAndAHalfPoundSteps() throws {
        let lb = UserProfile(units: .lb, goal: .hypertrophy)
        let s = try suggest([squat(0, 100, 12, rpe: 6)], profile: lb)
        #expect(s.unit == .lb)
        #expect(s.weight == 232.5)                 // 105 kg = 231.5 lb → 232.5
        #expect(s.weight.truncatingRemainder(dividingBy: 2.5) == 0)
        #expect(abs(s.weightKg - 105.459) < 0.01)
    }

    @Test func suggestFromLog_matchesSuggestFromFullFeatures() throws {
        let sessions = [squat(0, 100, 10, rpe: 8), squat(3, 102.5, 9, rpe: 8.5), squat(7, 102.5, 12, rpe: 8)]
        let checkIns = [CheckIn(date: t0 + 7 * day, sleepHours: 7, soreness: 3)]
        let asOf = t0 + 8 * day
        let full = try rules.suggest(exerciseId: "Barbell_Squat",
                                     features: TrainingFeatures.compute(sessions: sessions, checkIns: checkIns, asOf: asOf), profile: profile)
        let direct = try rules.suggest(exerciseId: "Barbell_Squat", sessions: sessions, checkIns: checkIns, asOf: asOf, profile: profile)
        #expect(full == direct)
        #expect(direct.direction == .increase)     // top of 8–12 at RPE 8
    }

    @Test func overload_withoutHistory_throwsAnErrorThatSaysWhatToDo() {
        let f = TrainingFeatures.compute(sessions: [], asOf: t0)
        #expect(throws: CoachingError.self) { try rules.suggest(exerciseId: "Deadlift", features: f, profile: profile) }
        #expect(CoachingError.noHistory(exercise: "Deadlift").description.contains("log a session"))
    }

    struct FixedModel: LearnedOverloadModel {
        let kg: Double
        func predictNextLoadKg(features: ExerciseFeatures, recovery: RecoveryFeatures) -> (loadKg: Double, confidence: Double)? { (kg, 1) }
    }

    @Test func blendHook_nudgesLoadButNeverOverridesADeload() throws {
        let blended = OverloadRules(learnedModel: FixedModel(kg: 100))
        let easy = [squat(0, 100, 12, rpe: 6)]
        let f = TrainingFeatures.compute(sessions: easy, asOf: t0 + day)
        let s = try blended.suggest(exerciseId: "Barbell_Squat", features: f, profile: profile)
        #expect(s.weight > 100 && s.weight < 105)   // halfway toward the model's 100, still an increase
        let tired = TrainingFeatures.compute(sessions: easy, checkIns: [CheckIn(date: t0 + day, sleepHours: 4)], asOf: t0 + day)
        #expect(try blended.suggest(exerciseId: "Barbell_Squat", features: tired, profile: profile).weight == 90)
    }
}
