import Foundation

extension ExerciseRecommender {
    /// Recommendations that know the routine: the lifter's next session predicted from their own
    /// log (`RoutineModel`) leads the list — the exercises of the split that comes next, in their
    /// usual order — and the profile-based score (balance, recovery, goal, novelty) fills the rest.
    /// With no sessions (cold start) this is `recommend(profile:features:k:excluding:)`.
    ///
    /// - Parameters:
    ///   - sessions: the user's log (only sessions before `asOf` count); exercise names as logged.
    ///   - plannedSplit: the title of the session the app plans next ("Push 1"), when it knows it.
    /// Logged exercises missing from the catalog are returned under their logged name as id, with
    /// the muscles the log carries. Filters (equipment, injuries, dislikes, `excluding`) still apply.
    public func recommend(profile: UserProfile, features: TrainingFeatures?, sessions: [WorkoutSession], asOf: Date,
                          k: Int = 10, plannedSplit: String? = nil, excluding: Set<String> = []) -> [ExerciseRecommendation] {
        let past = sessions.filter { $0.date < asOf }
        guard !past.isEmpty else { return recommend(profile: profile, features: features, k: k, excluding: excluding) }
        let routine = RoutineModel(sessions: past)
        let candidates = routine.nextExercises(asOf: asOf, plannedSplit: plannedSplit, limit: 3 * k).filter { $0.split != nil }
        let context = ScoringContext(profile: profile, features: features, catalogEquipment: equipmentById)
        var lastSeen: [String: (ExercisePerformance, Date, String)] = [:]
        for s in past { for e in s.exercises { lastSeen[e.loggedName] = (e, s.date, s.title) } }
        var out: [ExerciseRecommendation] = [], taken = excluding
        for c in candidates where out.count < k {
            let (i, exercise) = catalogEntry(for: c, seen: lastSeen[c.loggedName]?.0, level: profile.experience)
            guard !taken.contains(exercise.id), !taken.contains(c.loggedName),
                  Self.exclusion(exercise, profile: profile) == nil else { continue }
            taken.insert(exercise.id); taken.insert(c.loggedName)
            let entry = i.map { entries[$0] } ?? Entry(primary: exercise.primaryMuscles.map(\.ordinal),
                                                       secondary: exercise.secondaryMuscles.map(\.ordinal),
                                                       sites: ContraindicationRules.mask(exercise))
            var r = context.recommendation(exercise, entry, context.scores(exercise, entry))
            if let (_, date, title) = lastSeen[c.loggedName] {
                let days = Int((asOf.timeIntervalSince(date) / 86_400).rounded(.down))
                let split = title.isEmpty ? "your routine" : "your \"\(title)\" session"
                r.reasons.insert("part of \(split) (as \"\(c.loggedName)\", last done \(days == 0 ? "today" : days == 1 ? "yesterday" : "\(days) days ago"))", at: 0)
            }
            out.append(r)
        }
        if out.count < k {
            out += recommend(profile: profile, features: features, k: k - out.count, excluding: taken)
        }
        return out
    }

    /// The catalog exercise a logged one stands for: by id when the catalog has it, else one made
    /// from the log (name as logged, its muscles).
    /// (Unknown equipment reads as none needed: the lifter has been doing it.)
    func catalogEntry(for c: RoutineModel.Candidate, seen: ExercisePerformance?, level: ExperienceLevel) -> (Int?, CatalogExercise) {
        if let i = catalog.firstIndex(where: { $0.id == c.exerciseId }) { return (i, catalog[i]) }
        return (nil, CatalogExercise(id: c.loggedName, name: c.loggedName, primaryMuscles: seen?.primaryMuscles ?? [],
                                     secondaryMuscles: seen?.secondaryMuscles ?? [], equipment: nil, level: level,
                                     category: "strength"))
    }
}
