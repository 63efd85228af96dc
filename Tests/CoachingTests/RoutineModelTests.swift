import Foundation
import Testing
@testable import Coaching

@Suite struct RoutineModelTests {
    func workout(_ dayIndex: Int, _ title: String, _ names: [String]) -> WorkoutSession {
        WorkoutSession(date: t0 + Double(dayIndex) * day, title: title, exercises: names.map {
            ExercisePerformance(exerciseId: $0, name: $0, primaryMuscles: [.chest], sets: [LoggedSet(weightKg: 50, reps: 8, rpe: 8)])
        })
    }
    let push = ["Bench Press", "Overhead Press", "Dips"], pull = ["Row", "Pull Up", "Curl"], legs = ["Squat", "Leg Curl", "Calf Raise"]

    /// Push, pull, legs, repeated four times, every other day.
    var rotation: [WorkoutSession] {
        (0..<12).map { i in
            let (t, n) = [("Push 1", push), ("Pull 1", pull), ("Legs 1", legs)][i % 3]
            return workout(i * 2, t, n)
        }
    }

    @Test func routine_groupsSessionsIntoTheSplitsTheLifterRotates() {
        let m = RoutineModel(sessions: rotation)
        #expect(m.splits.count == 3)
        #expect(m.labels == (0..<12).map { $0 % 3 })
    }

    @Test func routine_afterPushAndPull_predictsLegs() {
        let m = RoutineModel(sessions: rotation)
        let next = m.nextExercises(asOf: t0 + 24 * day)            // after 4 × (push, pull, legs): push
        #expect(Set(next.prefix(3).map(\.loggedName)) == Set(push))
        let afterPull = RoutineModel(sessions: Array(rotation.prefix(11))).nextExercises(asOf: t0 + 22 * day)
        #expect(Set(afterPull.prefix(3).map(\.loggedName)) == Set(legs))
    }

    @Test func routine_withAPlannedSplit_putsThatSessionFirst() {
        let m = RoutineModel(sessions: rotation)
        let next = m.nextExercises(asOf: t0 + 24 * day, plannedSplit: "Pull 1 Block 2")   // "Block N" is ignored
        #expect(Set(next.prefix(3).map(\.loggedName)) == Set(pull))
    }

    @Test func routine_withAPlannedTitleNeverLogged_usesTheClosestTitleWithTheSameFirstWord() {
        let log = (0..<6).map { i in
            i % 2 == 0 ? workout(i * 2, "Lower // Ramp // Strength // 1", legs) : workout(i * 2, "Upper // Ramp // Strength // 1", push)
        }
        let m = RoutineModel(sessions: log)
        let next = m.nextExercises(asOf: t0 + 12 * day, plannedSplit: "Lower // Ramp // Strength // 2")   // after upper: history says lower anyway
        #expect(Set(next.prefix(3).map(\.loggedName)) == Set(legs))
        let upper = m.nextExercises(asOf: t0 + 12 * day, plannedSplit: "Upper // Ramp // Strength // 2")
        #expect(Set(upper.prefix(3).map(\.loggedName)) == Set(push))
        #expect(m.nextExercises(asOf: t0 + 12 * day, plannedSplit: "Yoga").prefix(3).map(\.loggedName) == next.prefix(3).map(\.loggedName))
    }

    @Test func routine_withAPlannedTitleExtendingALoggedOne_usesThatTitlesSessions() {
        let arms1 = ["Curl", "Skullcrusher", "Incline Curl", "Pushdown"], arms2 = ["Hammer Curl", "JM Press", "Preacher Curl", "Pressdown"]
        let log = (0..<6).map { i in
            i % 2 == 0 ? workout(i * 2, "Arms 1 + Weakpoint", arms1 + ["Leg Raise"]) : workout(i * 2, "Arms 2", arms2)
        }
        let m = RoutineModel(sessions: log)
        // "Arms 1 + Weakpoint" shares more words, but "Arms 2 + Weakpoint" extends "Arms 2".
        let next = m.nextExercises(asOf: t0 + 12 * day, plannedSplit: "Arms 2 + Weakpoint")
        #expect(Set(next.prefix(4).map(\.loggedName)) == Set(arms2))
        #expect(m.nextExercises(asOf: t0 + 12 * day, plannedSplit: "Arms 1 + Weakpoint").prefix(5).map(\.loggedName).contains("Leg Raise"))
    }

    @Test func normalise_dropsBracketsBlocksAndCase() {
        #expect(RoutineModel.normalise("Push 2 Block 1") == "push 2")
        #expect(RoutineModel.normalise("Legs // Hypertrophy (Deload/Intro)") == "legs hypertrophy")
    }

    @Test func recommender_withHistory_leadsWithTheNextSplitAndFillsFromTheCatalog() {
        let catalog = [CatalogExercise(id: "Squat", name: "Squat", primaryMuscles: [.quadriceps], equipment: "barbell", level: .intermediate, category: "strength"),
                       CatalogExercise(id: "Plank", name: "Plank", primaryMuscles: [.abdominals], equipment: "body only", level: .beginner, category: "strength"),
                       CatalogExercise(id: "Neck Flexion", name: "Neck Flexion", primaryMuscles: [.neck], equipment: "body only", level: .beginner, category: "strength")]
        let recs = ExerciseRecommender(catalog: catalog).recommend(
            profile: UserProfile(experience: .intermediate), features: nil, sessions: Array(rotation.prefix(11)), asOf: t0 + 22 * day, k: 5)
        #expect(Set(recs.prefix(3).map(\.exercise.id)) == Set(legs))
        #expect(recs.first!.reasons.first!.contains("Legs 1"))
        #expect(recs.count == 5)                                   // two filled from the catalog
        let cold = ExerciseRecommender(catalog: catalog).recommend(profile: UserProfile(), features: nil, sessions: [], asOf: t0, k: 3)
        #expect(cold.map(\.exercise.id) == ExerciseRecommender(catalog: catalog).recommend(profile: UserProfile(), features: nil, k: 3).map(\.exercise.id))
    }
}
