import Foundation

/// Plans one training session from the lifter's log, profile and what they asked for — pure code,
/// no language model. `PlanRequestParser` reads the request from a chat message.
///
/// 1. Constraints: the equipment the request names replaces the profile's (bodyweight exercises
///    are always allowed); body sites the request says hurt join the profile's injuries
///    (`ContraindicationRules` excludes what loads them); the time budget is the request's
///    minutes, else `defaultMinutes` (50, inside the usual 45–60).
/// 2. Candidates: `ExerciseRecommender.recommend(…sessions:plannedSplit:)` — with a log, the
///    lifter's predicted next split leads in their usual order (the request's split word is the
///    planned split); with none, the profile decides (cold start). Only strength and powerlifting
///    exercises; when muscles are asked for, only exercises whose primary muscles include one;
///    when equipment is named, exercises using it before bodyweight ones; at most 2 exercises per
///    primary muscle (4 when one or two muscles are asked for).
/// 3. Dose (`dose(_:…)`): exercises with history get the overload rules' load, rep range and
///    target reps and the lifter's usual number of working sets; new ones start at the goal's rep
///    range with no load, chosen by effort (RPE 7: "a load you could lift 3 more times").
///    Rest by goal and mechanic; poor recovery takes a set off each exercise.
/// 4. Time: warm-up, then exercises in order while they fit the budget (a set that does not fit is
///    dropped, down to 2 sets); compounds before isolations. The estimate never exceeds the budget.
public struct SessionPlanner: Sendable {
    /// Minutes planned when the request names none.
    public static let defaultMinutes = 50
    public let recommender: ExerciseRecommender
    public let rules: OverloadRules
    /// At most this many exercises in a session.
    public var maxExercises = 7
    /// Categories a strength session draws from.
    public var categories: Set<String> = ["strength", "powerlifting"]
    /// Resolves a name as logged to a catalog id (names, aliases), for sets logged before the
    /// knowledge index matched them; the catalog's exact names are always tried.
    public var resolveName: @Sendable (String) -> String?

    public init(recommender: ExerciseRecommender, rules: OverloadRules = OverloadRules(),
                resolveName: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.recommender = recommender
        self.rules = rules
        self.resolveName = resolveName
    }

    /// The session for `request` as of `asOf`. `sessions` and `checkIns` are the user's log (any
    /// order; later entries are ignored).
    public func plan(_ request: SessionPlanRequest, profile: UserProfile, sessions: [WorkoutSession],
                     checkIns: [CheckIn], asOf: Date) -> PlannedSession {
        var p = profile
        if let named = request.equipment { p.equipment = named }
        for site in request.painSites where !p.injuries.contains(where: { ContraindicationRules.site($0) == site }) {
            p.injuries.append(site)
        }
        let minutes = request.minutes ?? Self.defaultMinutes
        let past = sessions.filter { $0.date <= asOf }.sorted { $0.date < $1.date }
        let pastCheckIns = checkIns.filter { $0.date <= asOf }.sorted { $0.date < $1.date }
        let problems = OverloadRules.recoveryProblems(TrainingFeatures.recoveryFeatures(pastCheckIns, asOf: asOf))
        let recent = past.filter { $0.date > asOf.addingTimeInterval(-35 * 86_400) }
        let features = past.isEmpty ? nil : TrainingFeatures.compute(sessions: recent, checkIns: pastCheckIns, asOf: asOf)

        let chosen = candidates(request, profile: p, features: features, past: past, asOf: asOf)
        let warmup: Double = minutes < 30 ? 3 : 5
        var remaining = Double(minutes) - warmup
        var planned: [PlannedExercise] = []
        for (exercise, loggedName) in chosen where planned.count < maxExercises && remaining >= 4 {
            var d = dose(exercise, loggedName: loggedName, profile: p, past: past, checkIns: pastCheckIns, asOf: asOf, poorRecovery: !problems.isEmpty)
            while d.minutes > remaining && d.sets > 2 { d = Self.withSets(d.sets - 1, d) }
            guard d.minutes <= remaining else { continue }
            planned.append(d)
            remaining -= d.minutes
        }
        let ordered = planned.filter(\.isCompound) + planned.filter { !$0.isCompound }
        return PlannedSession(
            minutes: minutes, estimatedMinutes: warmup + ordered.reduce(0) { $0 + $1.minutes }, warmupMinutes: warmup,
            unit: p.units, equipment: p.equipment, muscles: request.muscles,
            avoidedSites: Array(Set(p.injuries.compactMap(ContraindicationRules.site))).sorted(), exercises: ordered,
            notes: notes(request, profile: p, problems: problems, planned: ordered))
    }

    /// Catalog exercises in the order to consider them, each with the name it was logged under
    /// when the log names it differently from the catalog id.
    func candidates(_ request: SessionPlanRequest, profile p: UserProfile, features: TrainingFeatures?,
                    past: [WorkoutSession], asOf: Date) -> [(CatalogExercise, String?)] {
        let muscles = request.muscles
        let excluded = muscles.isEmpty ? [] : Set(recommender.catalog.filter { Set($0.primaryMuscles).isDisjoint(with: muscles) }.map(\.id))
        let ranked = recommender.recommend(profile: p, features: features, sessions: past, asOf: asOf, k: 40,
                                           plannedSplit: request.split, excluding: excluded).map(\.exercise)
        let ids = Set(recommender.catalog.map(\.id))
        let byName = Dictionary(recommender.catalog.map { (ExerciseText.normalize($0.name), $0) }, uniquingKeysWith: { a, _ in a })
        var fitting = ranked.compactMap { logged -> (CatalogExercise, String?)? in
            // A logged name the knowledge index did not match yet, but the catalog knows by name or alias.
            var e = logged, loggedName: String?
            if !ids.contains(e.id), let known = resolveName(e.name).flatMap({ id in recommender.catalog.first { $0.id == id } })
                ?? byName[ExerciseText.normalize(e.name)] {
                e = known
                loggedName = logged.name
            }
            guard categories.contains(e.category) else { return nil }
            guard muscles.isEmpty || !Set(e.primaryMuscles).isDisjoint(with: muscles) else { return nil }
            if e.equipment == nil { e.equipment = Self.inferredEquipment(e.name) }
            if let allowed = p.equipment, let need = e.equipment, need != "body only", !allowed.contains(need) { return nil }
            return ExerciseRecommender.exclusion(e, profile: p) == nil ? (e, loggedName) : nil
        }
        if let named = request.equipment, !named.subtracting(["body only"]).isEmpty {
            fitting = fitting.filter { !$0.0.isBodyweight } + fitting.filter(\.0.isBodyweight)
        }
        let cap = (1...2).contains(muscles.count) ? 4 : 2
        var perMuscle: [Muscle: Int] = [:], seen = Set<String>(), out: [(CatalogExercise, String?)] = []
        for (e, loggedName) in fitting where !seen.contains(e.id) && !seen.contains(ExerciseText.normalize(e.name)) {
            let key = e.primaryMuscles.first(where: { muscles.isEmpty || muscles.contains($0) }) ?? e.primaryMuscles.first
            if let key, perMuscle[key, default: 0] >= cap { continue }
            if let key { perMuscle[key, default: 0] += 1 }
            seen.insert(e.id)
            seen.insert(ExerciseText.normalize(e.name))
            out.append((e, loggedName))
        }
        return out
    }

    /// The equipment a logged exercise the catalog does not know needs, read from its name
    /// ("Bench Press (Barbell)" → barbell); nil when the name does not say.
    static func inferredEquipment(_ name: String) -> String? {
        let n = name.lowercased()
        let table: [(String, String)] = [("dumbbell", "dumbbell"), ("barbell", "barbell"), ("kettlebell", "kettlebells"),
                                         ("cable", "cable"), ("machine", "machine"), ("smith", "machine"), ("band", "bands"),
                                         ("ez bar", "e-z curl bar"), ("ez-bar", "e-z curl bar")]
        return table.first { n.contains($0.0) }?.1
    }

    func notes(_ request: SessionPlanRequest, profile p: UserProfile, problems: [String], planned: [PlannedExercise]) -> [String] {
        var notes: [String] = []
        if !problems.isEmpty {
            notes.append("Recovery is poor (\(problems.joined(separator: "; "))): one set fewer per exercise and no max attempts.")
        }
        if !request.painSites.isEmpty {
            notes.append("Exercises that load the \(request.painSites.joined(separator: " or ")) are left out. Stop if anything hurts; "
                + "sharp or lasting pain needs a physiotherapist or doctor.")
        }
        if let named = request.equipment {
            notes.append("Equipment: \(named.union(["body only"]).sorted().joined(separator: ", ")).")
        }
        if planned.contains(where: { $0.basis == .start }) {
            notes.append("New exercises have no load yet: choose one you could lift 3 more times (RPE 7) and log it; the next plan progresses from there.")
        }
        if planned.isEmpty {
            notes.append("No exercise in the knowledge base fits these constraints; allow more equipment or time.")
        }
        return notes
    }
}
