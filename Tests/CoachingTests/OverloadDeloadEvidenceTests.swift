import Foundation
import Testing
@testable import Coaching

/// Deloads follow evidence, and each kind of evidence is kept only while the lifter's own log
/// shows they deload after it (their deload rhythm, not the calendar).
@Suite struct OverloadDeloadEvidenceTests {
    let profile = UserProfile(units: .kg, experience: .intermediate, goal: .hypertrophy)

    /// Squat at 100 kg, RPE 10, reps alternating 8 and 6 (the reps fall every other session); after
    /// each fall the lifter does `afterFall` kg.
    func log(afterFall: Double, cycles: Int = 4) -> [WorkoutSession] {
        var out: [WorkoutSession] = [], dayIndex = 0.0
        for _ in 0..<cycles {
            for (kg, reps) in [(100.0, 8), (100.0, 6)] {
                out.append(WorkoutSession(date: t0 + dayIndex * day, exercises: [ExercisePerformance(
                    exerciseId: "Squat", name: "Squat", sets: [LoggedSet(weightKg: kg, reps: reps, rpe: 10)])]))
                dayIndex += 3
            }
            out.append(WorkoutSession(date: t0 + dayIndex * day, exercises: [ExercisePerformance(
                exerciseId: "Squat", name: "Squat", sets: [LoggedSet(weightKg: afterFall, reps: 8, rpe: 10)])]))
            dayIndex += 3
        }
        return out
    }

    func kept(_ sessions: [WorkoutSession], minimumFirings: Int = 3) -> Set<OverloadRule> {
        SuggestionOutcomes.deloadEvidenceKept(OverloadReplay(sessions: sessions).cases, rules: OverloadRules(), profile: profile,
                                              minimumFirings: minimumFirings)
    }

    @Test func evidence_whenRepsFallAtTheSameLoad_deloadsAndSaysWhy() throws {
        let s = try OverloadRules().suggest(exerciseId: "Squat", sessions: Array(log(afterFall: 100).prefix(2)), asOf: t0 + 5 * day, profile: profile)
        #expect(s.direction == .deload && s.rule == .repsFell && !s.allowPRAttempt)
        #expect(s.reasons.joined().contains("reps fell"))
    }

    @Test func calibration_whenTheLifterKeepsTheLoadAfterRepsFall_turnsThatEvidenceOff() {
        let k = kept(log(afterFall: 100))
        #expect(!k.contains(.repsFell))
        #expect(k.contains(.missedReps) && k.contains(.effortDrift))   // never seen: the textbook stays
    }

    @Test func calibration_whenTheLifterDeloadsAfterRepsFall_keepsThatEvidence() {
        #expect(kept(log(afterFall: 90)).contains(.repsFell))
    }

    @Test func calibration_withFewerFiringsThanTheMinimum_keepsTheTextbookDeload() {
        #expect(kept(log(afterFall: 100, cycles: 2)).contains(.repsFell))   // fired twice: not yet evidence
        #expect(!kept(log(afterFall: 100, cycles: 2), minimumFirings: 2).contains(.repsFell))
    }

    @Test func calibratedRules_whenTheLifterPushesOn_holdInsteadOfDeloading() throws {
        let sessions = log(afterFall: 100, cycles: 12)   // 36 sessions: above the 30 cases calibration needs
        let rules = SuggestionOutcomes(sessions: sessions, profile: profile).calibrated(OverloadRules())
        #expect(!rules.calibration.deloadOn.contains(.repsFell))
        let fell = Array(sessions.prefix(2))
        let s = try rules.suggest(exerciseId: "Squat", sessions: fell, asOf: t0 + 5 * day, profile: profile)
        #expect(s.direction == .hold && s.weight == 100)
    }
}
