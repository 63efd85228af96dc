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
    /// Per exercise, precomputed once: muscle ordinals and contraindicated-site mask.
    let entries: [Entry]
    let equipmentById: [String: String]

    struct Entry: Sendable {
        var primary: [Int], secondary: [Int], sites: UInt16
    }

    public init(catalog: [CatalogExercise]) {
        self.catalog = catalog
        entries = catalog.map { Entry(primary: $0.primaryMuscles.map(\.ordinal), secondary: $0.secondaryMuscles.map(\.ordinal),
                                      sites: ContraindicationRules.mask($0)) }
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
            guard let site = ContraindicationRules.site(injury) else { continue }
            if ContraindicationRules.isContraindicated(e, site: site)
                || e.contraindications.contains(where: { ContraindicationRules.site($0) == site }) {
                return "loads the injured \(site)"
            }
        }
        if profile.dislikedExercises.contains(e.id) { return "you dislike it" }
        return nil
    }

    /// The top `k` exercises for the user now. `features` nil means no history (cold start).
    /// Every allowed exercise is scored; reasons are written for the top `k` only.
    public func recommend(profile: UserProfile, features: TrainingFeatures?, k: Int = 10,
                          excluding: Set<String> = []) -> [ExerciseRecommendation] {
        let context = ScoringContext(profile: profile, features: features, catalogEquipment: equipmentById)
        let injured = ContraindicationRules.mask(injuries: profile.injuries)
        var scored: [(index: Int, scores: ScoringContext.Scores)] = []
        scored.reserveCapacity(catalog.count)
        for (i, e) in catalog.enumerated() {
            if entries[i].sites & injured != 0 { continue }
            if let eq = profile.equipment, !e.isBodyweight, let need = e.equipment, !eq.contains(need) { continue }
            if profile.dislikedExercises.contains(e.id) || (!excluding.isEmpty && excluding.contains(e.id)) { continue }
            scored.append((i, context.scores(e, entries[i])))
        }
        func before(_ a: (index: Int, scores: ScoringContext.Scores), _ b: (index: Int, scores: ScoringContext.Scores)) -> Bool {
            a.scores.total != b.scores.total ? a.scores.total > b.scores.total : catalog[a.index].id < catalog[b.index].id
        }
        // Partial selection: keep the best k in a small sorted buffer.
        var top: [(index: Int, scores: ScoringContext.Scores)] = []
        top.reserveCapacity(k + 1)
        for s in scored {
            if top.count < k || before(s, top[top.count - 1]) {
                let pos = top.firstIndex { before(s, $0) } ?? top.count
                top.insert(s, at: pos)
                if top.count > k { top.removeLast() }
            }
        }
        return top.map { context.recommendation(catalog[$0.index], entries[$0.index], $0.scores) }
    }
}
