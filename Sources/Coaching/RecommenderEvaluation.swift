import Foundation

/// Offline evaluation of `ExerciseRecommender` on seeded synthetic interactions.
///
/// Generator (per user, `users` of them):
/// - profile: goal uniform over the 5 goals; level beginner 50% / intermediate 35% / expert 15%;
///   equipment one of {full gym, home (dumbbell, kettlebells, bands, body only), bodyweight only};
///   an injury (knee, lower back or shoulder) with probability 20%.
/// - hidden taste, never shown to the recommender: 2 favourite muscles.
/// - utility of every exercise the user can do (after the equipment/injury filters):
///   2.0·[a primary muscle is a favourite] + 1.5·goalAlignment/15 + 1.0·[level matches]
///   + 0.5·[compound] + Gumbel(0, 1) noise; the user's 20 interactions are the 20 highest.
/// - split: 16 random interactions are history (logged once each over the last 28 days,
///   3 × 10 with their muscles), the other 4 are held out. The recommender sees the profile
///   (without the favourite muscles) and the history, excludes history items, and ranks the rest.
/// Relevance is binary (held out or not). The published comparison: P@5 0.45, R@10 0.62, NDCG@5 0.58.
public struct RecommenderEvaluation: Sendable {
    public var precisionAt5: Double, recallAt10: Double, ndcgAt5: Double
    /// Expected P@5 of a random ranking of the same candidates (held out / candidates).
    public var randomPrecisionAt5: Double
    public var users: Int

    public static func run(catalog: [CatalogExercise], users: Int = 200, seed: UInt64 = 7) -> RecommenderEvaluation {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        let recommender = ExerciseRecommender(catalog: catalog)
        let asOf = Date(timeIntervalSince1970: 1_760_000_000)
        var p5 = 0.0, r10 = 0.0, n5 = 0.0, random5 = 0.0, evaluated = 0
        for _ in 0..<users {
            let goal = pick(TrainingGoal.allCases)
            let u = rng.nextUnit()
            let level: ExperienceLevel = u < 0.5 ? .beginner : u < 0.85 ? .intermediate : .expert
            let equipment: Set<String>? = pick([nil, ["dumbbell", "kettlebells", "bands", "body only"], []])
            let injuries = rng.nextUnit() < 0.2 ? [pick(["knee", "lower back", "shoulder"])] : []
            let profile = UserProfile(experience: level, goal: goal, equipment: equipment, injuries: injuries)
            let favourites = Set([pick(Muscle.allCases), pick(Muscle.allCases)])
            let allowed = catalog.filter { ExerciseRecommender.exclusion($0, profile: profile) == nil }
            guard allowed.count >= 40 else { continue }
            let ranked = allowed.map { e -> (CatalogExercise, Double) in
                var v = favourites.isDisjoint(with: e.primaryMuscles) ? 0.0 : 2.0
                v += 1.5 * ScoringContext.goalAlignment(e, goal: goal) / 15
                v += e.level == level ? 1 : 0
                v += e.mechanic == "compound" ? 0.5 : 0
                v += -log(-log(max(1e-12, rng.nextUnit())))   // Gumbel noise
                return (e, v)
            }.sorted { $0.1 > $1.1 }.prefix(20).map(\.0)
            var items = Array(ranked)
            items.shuffle(using: &rng)
            let history = items.prefix(16), heldOut = Set(items.suffix(4).map(\.id))
            let sessions = history.map { e in
                WorkoutSession(date: asOf - Double(rng.next() % 28) * 86_400 - 3600, exercises: [
                    ExercisePerformance(exerciseId: e.id, name: e.name, primaryMuscles: e.primaryMuscles,
                                        secondaryMuscles: e.secondaryMuscles,
                                        sets: Array(repeating: LoggedSet(weightKg: 20, reps: 10, rpe: 8), count: 3)),
                ])
            }
            let features = TrainingFeatures.compute(sessions: sessions, asOf: asOf)
            let recs = recommender.recommend(profile: profile, features: features, k: 10,
                                             excluding: Set(history.map(\.id))).map(\.exercise.id)
            let hits5 = recs.prefix(5).filter(heldOut.contains).count
            let hits10 = recs.prefix(10).filter(heldOut.contains).count
            p5 += Double(hits5) / 5
            r10 += Double(hits10) / Double(heldOut.count)
            n5 += ndcg(recs, relevant: heldOut, k: 5)
            random5 += Double(heldOut.count) / Double(allowed.count - history.count)
            evaluated += 1
        }
        let n = Double(max(1, evaluated))
        return RecommenderEvaluation(precisionAt5: p5 / n, recallAt10: r10 / n, ndcgAt5: n5 / n, randomPrecisionAt5: random5 / n, users: evaluated)
    }

    /// NDCG@k with binary relevance.
    public static func ndcg(_ ranked: [String], relevant: Set<String>, k: Int) -> Double {
        var dcg = 0.0
        for (i, id) in ranked.prefix(k).enumerated() where relevant.contains(id) { dcg += 1 / log2(Double(i) + 2) }
        let ideal = (0..<min(k, relevant.count)).reduce(0.0) { $0 + 1 / log2(Double($1) + 2) }
        return ideal > 0 ? dcg / ideal : 0
    }
}
