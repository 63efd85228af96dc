import Foundation
import Testing
@testable import Coaching

/// The replay's extra P@5 figures, its bounds on P@5 and its classification of the top 5's missed slots.
@Suite struct RecommendationMissesTests {
    func workout(_ dayIndex: Int, _ title: String, _ names: [String]) -> WorkoutSession {
        WorkoutSession(date: t0 + Double(dayIndex) * day, title: title, exercises: names.map {
            ExercisePerformance(exerciseId: $0, name: $0, primaryMuscles: [.chest], sets: [LoggedSet(weightKg: 50, reps: 8, rpe: 8)])
        })
    }
    let push = ["Bench Press", "Overhead Press", "Dips", "Fly", "Pushdown"], pull = ["Row", "Pull Up", "Curl", "Face Pull", "Shrug"]

    @Test func figures_forShortSessionsPredictedPerfectly_reportTheCeilingAndFullHitsOverDone() {
        let log = (0..<6).map { workout($0 * 2, "Forearms", ["Wrist Curl", "Reverse Wrist Curl"]) }
        let replay = RecommendationReplay(sessions: log)
        let f = replay.figures("planned", rank: replay.routine(RoutineModel(sessions: log), planned: true))
        #expect(abs(f.precisionAt5 - 0.4) < 1e-9)                  // two hits ÷ 5, as VoltLift counts
        #expect(abs(f.precisionAt5Ceiling - 0.4) < 1e-9)
        #expect(abs(f.precisionAtDone - 1) < 1e-9)
    }

    @Test func misses_classifyANewExerciseAnotherSplitsExerciseAndAShortSession() {
        var log = (0..<6).map { i in i % 2 == 0 ? workout(i * 2, "Push", push) : workout(i * 2, "Pull", pull) }
        log.append(workout(12, "Push", ["Cable Lateral Raise"] + push.dropLast()))      // a new exercise replaces Pushdown
        log.append(workout(14, "Pull", ["Bench Press"] + pull.dropLast()))             // Shrug gives way to a push exercise
        log.append(workout(16, "Push", ["Cable Lateral Raise", "Bench Press"]))         // a short session
        let replay = RecommendationReplay(sessions: log), model = RoutineModel(sessions: log)
        let replaced = replay.misses(model, from: 6, to: 7)
        #expect(replaced.slots == 1 && replaced.doneInstead[.newExercise] == 1 && replaced.predicted[.inLastTitled] == 1)
        let otherSplit = replay.misses(model, from: 7, to: 8)
        #expect(otherSplit.slots == 1 && otherSplit.doneInstead[.otherSplit] == 1)
        let short = replay.misses(model, from: 8, to: 9)
        #expect(short.slots == 3 && short.doneInstead[.nothing] == 3)
    }

    @Test func bounds_separateABetterOrderANeverLoggedExerciseAndAShortSession() {
        var log = (0..<4).map { i in i % 2 == 0 ? workout(i * 2, "Push", push) : workout(i * 2, "Pull", pull) }
        log.append(workout(8, "Push", ["Cable Lateral Raise", "Bench Press", "Overhead Press"]))   // short, one never logged
        log.append(workout(10, "Pull", pull + ["Bench Press"]))
        let replay = RecommendationReplay(sessions: log)
        // A ranking that holds one exercise the lifter did: reordering it cannot reach more.
        let narrow = replay.bounds(from: 4, to: 6) { _ in ["Row", "Dips"] }
        #expect(narrow.sessions == 2)
        #expect(abs(narrow.reordered - (0 + 0.2) / 2) < 1e-9)
        #expect(abs(narrow.fromHistory - (0.4 + 1) / 2) < 1e-9)   // Cable Lateral Raise was never logged
        #expect(abs(narrow.ceiling - (0.6 + 1) / 2) < 1e-9)
        // The routine model's own top 10 holds every logged exercise here, so only history bounds it.
        let routine = replay.routine(RoutineModel(sessions: log), planned: true)
        let b = replay.bounds(from: 4, to: 6, rank: routine), f = replay.figures("planned", from: 4, to: 6, rank: routine)
        #expect(abs(b.reordered - b.fromHistory) < 1e-9 && f.precisionAt5 <= b.reordered + 1e-9 && b.fromHistory < b.ceiling)
    }
}
