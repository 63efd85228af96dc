import Foundation
import Testing
@testable import Coaching

/// A planned split's optional items (a "Warm Up" logged now and then) rank after the exercises the
/// lifter always does.
@Suite struct RoutineCarryOverTests {
    func workout(_ dayIndex: Int, _ title: String, _ names: [String]) -> WorkoutSession {
        WorkoutSession(date: t0 + Double(dayIndex) * day, title: title, exercises: names.map {
            ExercisePerformance(exerciseId: $0, name: $0, primaryMuscles: [.chest], sets: [LoggedSet(weightKg: 50, reps: 8, rpe: 8)])
        })
    }
    let push = ["Bench Press", "Overhead Press", "Dips", "Fly", "Pushdown"]

    /// Push sessions with a Warm Up first in the early ones only every other time, then in the last three.
    var log: [WorkoutSession] {
        let warmUp = [true, false, true, false, true, false, true, true, true]
        return warmUp.enumerated().map { i, w in workout(i * 3, "Push", (w ? ["Warm Up"] : []) + push) }
    }

    @Test func carryOver_isLowForAnItemSkippedOftenAndHighForOneAlwaysDone() {
        let m = RoutineModel(sessions: log)
        let rates = m.carryOverRates(before: log.count)
        #expect(rates["Warm Up"]! < 0.8)
        #expect(rates["Bench Press"]! > 0.95)
    }

    @Test func routine_withAPlannedSplit_ranksAnOptionalWarmUpAfterTheExercisesAlwaysDone() {
        let m = RoutineModel(sessions: log)
        let next = m.nextExercises(asOf: t0 + 30 * day, plannedSplit: "Push")
        #expect(Set(next.prefix(5).map(\.loggedName)) == Set(push))
        #expect(next.map(\.loggedName).firstIndex(of: "Warm Up") == 5)
    }

    @Test func routine_withAPlannedSplit_keepsAWarmUpTheLifterAlwaysDoes() {
        let always = (0..<6).map { workout($0 * 3, "Push", ["Warm Up"] + push) }
        let next = RoutineModel(sessions: always).nextExercises(asOf: t0 + 30 * day, plannedSplit: "Push")
        #expect(next.first?.loggedName == "Warm Up")               // always done: it keeps its place in the session
    }
}
