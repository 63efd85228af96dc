import Foundation

/// One scored exercise.
public struct ExerciseRecommendation: Sendable, Hashable {
    public var exercise: CatalogExercise
    /// 0–100, the sum of the components.
    public var score: Double
    public var muscleBalance: Double   // 0–30
    public var recovery: Double        // 0–20
    public var preference: Double      // 0–20
    public var goalAlignment: Double   // 0–15
    public var experienceMatch: Double // 0–10
    public var novelty: Double         // 0–5
    public var reasons: [String]
}

/// Scores every catalog exercise for a user (100 points: muscle balance 30, recovery 20,
/// preference 20, goal 15, experience 10, novelty 5) after filtering by equipment and injuries.
///
/// With no history (cold start) balance and recovery are full for every muscle, so the profile's
/// goal, level, equipment, injuries and preferences decide.
public struct ExerciseRecommender: Sendable {
    public let catalog: [CatalogExercise]
    let equipmentById: [String: String]

    public init(catalog: [CatalogExercise]) {
        self.catalog = catalog
        var eq: [String: String] = [:]
        for e in catalog { if let q = e.equipment { eq[e.id] = q } }
        equipmentById = eq
    }

    /// Why an exercise was filtered out, or nil when it is allowed.
    public static func exclusion(_ e: CatalogExercise, profile: UserProfile) -> String? {
        if let eq = profile.equipment, !e.isBodyweight, let need = e.equipment, !eq.contains(need) {
            return "needs \(need)"
        }
        for injury in profile.injuries {
            if let site = ContraindicationRules.site(injury), ContraindicationRules.isContraindicated(e, site: site) {
                return "loads the injured \(site)"
            }
        }
        if profile.dislikedExercises.contains(e.id) { return "you dislike it" }
        return nil
    }

    /// The top `k` exercises for the user now. `features` nil means no history (cold start).
    public func recommend(profile: UserProfile, features: TrainingFeatures?, k: Int = 10,
                          excluding: Set<String> = []) -> [ExerciseRecommendation] {
        let context = ScoringContext(profile: profile, features: features, catalogEquipment: equipmentById)
        var scored: [ExerciseRecommendation] = []
        scored.reserveCapacity(catalog.count)
        for e in catalog where !excluding.contains(e.id) && Self.exclusion(e, profile: profile) == nil {
            scored.append(context.score(e))
        }
        if scored.count > k {
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.exercise.id < $1.exercise.id }
            return Array(scored.prefix(k))
        }
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.exercise.id < $1.exercise.id }
    }
}
