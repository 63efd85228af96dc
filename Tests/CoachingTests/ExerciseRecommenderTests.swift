import Foundation
import SpotterApp
import SpotterTestSupport
import Testing
@testable import Coaching

@Suite struct ExerciseRecommenderTests {
    /// The real free-exercise-db catalog, read as production reads it (Knowledge's parser + SpotterApp's adapter).
    static let catalog: [CatalogExercise] = (try? CoachingCatalog.freeExerciseDB(contentsOf: sharedData("free-exercise-db/exercises.json"))) ?? []

    @Test func catalog_loadsAll873Exercises() {
        #expect(Self.catalog.count == 873)
        #expect(Self.catalog.allSatisfy { !$0.primaryMuscles.isEmpty })
    }

    @Test func coldStart_bodyweightOnly_recommendsOnlyBodyweightExercises() {
        let profile = UserProfile(experience: .beginner, goal: .generalFitness, equipment: [])
        let recs = ExerciseRecommender(catalog: Self.catalog).recommend(profile: profile, features: nil, k: 20)
        #expect(recs.count == 20)
        #expect(recs.allSatisfy { $0.exercise.isBodyweight })
        let sumsMatch = recs.allSatisfy { r in
            r.score == (r.muscleBalance + r.recovery + r.preference + r.goalAlignment + r.experienceMatch + r.novelty).roundedTo2
        }
        #expect(sumsMatch)
        #expect(recs.allSatisfy { $0.score <= 100 && !$0.reasons.isEmpty })
    }

    @Test func equipmentFilter_keepsOnlyAvailableEquipment() {
        let profile = UserProfile(experience: .intermediate, goal: .hypertrophy, equipment: ["dumbbell"])
        let recs = ExerciseRecommender(catalog: Self.catalog).recommend(profile: profile, features: nil, k: 100)
        #expect(recs.allSatisfy { $0.exercise.isBodyweight || $0.exercise.equipment == "dumbbell" })
        #expect(recs.contains { $0.exercise.equipment == "dumbbell" })
    }

    @Test func injuryFilter_kneeExcludesLoadedSquatsLungesAndJumps() {
        let profile = UserProfile(experience: .intermediate, goal: .strength, injuries: ["left knee pain"])
        let recs = ExerciseRecommender(catalog: Self.catalog).recommend(profile: profile, features: nil, k: 873)
        let names = recs.map { $0.exercise.name.lowercased() }
        #expect(!names.contains { $0.contains("barbell squat") || $0.contains("lunge") || $0.contains("jump") })
        #expect(recs.count < Self.catalog.count)
        #expect(names.contains { $0.contains("bench press") })
        // An explicit tag also applies.
        var tagged = Self.catalog[0]; tagged.contraindications = ["knee"]
        #expect(ExerciseRecommender.exclusion(tagged, profile: profile) != nil)
    }

    @Test func coldStart_strengthExpert_prefersBarbellCompounds() {
        let profile = UserProfile(experience: .expert, goal: .strength)
        let recs = ExerciseRecommender(catalog: Self.catalog).recommend(profile: profile, features: nil, k: 10)
        #expect(recs.filter { $0.exercise.mechanic == "compound" }.count >= 8)
        #expect(recs.allSatisfy { $0.goalAlignment >= 12 })
    }

    @Test func history_shiftsToMusclesNotTrainedThisWeek() {
        let recommender = ExerciseRecommender(catalog: Self.catalog)
        let chest = Self.catalog.filter { $0.primaryMuscles == [.chest] && $0.category == "strength" }.prefix(3)
        let asOf = t0 + day
        let sessions = chest.map { e in
            WorkoutSession(date: t0, exercises: [ExercisePerformance(exerciseId: e.id, name: e.name, primaryMuscles: e.primaryMuscles,
                                                                     sets: Array(repeating: LoggedSet(weightKg: 60, reps: 10, rpe: 8), count: 4))])
        }
        let f = TrainingFeatures.compute(sessions: sessions, asOf: asOf)
        let profile = UserProfile(experience: .intermediate, goal: .hypertrophy)
        let recs = recommender.recommend(profile: profile, features: f, k: 10)
        #expect(recs.allSatisfy { !$0.exercise.primaryMuscles.contains(.chest) })
        let chestRec = recommender.recommend(profile: profile, features: f, k: 873).first { $0.exercise.id == chest.first!.id }!
        let coldRec = recommender.recommend(profile: profile, features: nil, k: 873).first { $0.exercise.id == chest.first!.id }!
        #expect(chestRec.muscleBalance < coldRec.muscleBalance - 5)
        #expect(chestRec.recovery < coldRec.recovery - 5)
        #expect(chestRec.novelty == 0 && coldRec.novelty == 5)
    }

    @Test func evaluation_syntheticInteractions_printsRankingMetrics() {
        let e = RecommenderEvaluation.run(catalog: Self.catalog, users: 200, seed: 7)
        print(String(format: "Recommender on synthetic interactions (%d users): P@5 %.3f  R@10 %.3f  NDCG@5 %.3f (published 0.45 / 0.62 / 0.58); random ranking P@5 %.3f",
                     e.users, e.precisionAt5, e.recallAt10, e.ndcgAt5, e.randomPrecisionAt5))
        #expect(e.users >= 150)
        // Sanity bound only: better than a random ranking of the same candidates. The figures are far
        // below the published ones; see the report (balance and recovery pull away from habits).
        #expect(e.precisionAt5 > e.randomPrecisionAt5)
        #expect(e.ndcgAt5 >= 0 && e.ndcgAt5 <= 1 && e.recallAt10 <= 1)
    }

    @Test func ndcg_workedExample() {
        // Relevant at ranks 1 and 3 of 5, two relevant in total: (1 + 1/2) / (1 + 1/log2 3).
        let v = RecommenderEvaluation.ndcg(["a", "x", "b", "y", "z"], relevant: ["a", "b"], k: 5)
        #expect(abs(v - 1.5 / (1 + 1 / log2(3.0))) < 1e-12)
    }
}

extension Double { var roundedTo2: Double { (self * 100).rounded() / 100 } }
