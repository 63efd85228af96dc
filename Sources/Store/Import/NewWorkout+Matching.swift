extension NewWorkout {
    /// Matches each exercise that has no knowledge id yet against the knowledge base through
    /// `resolver`, setting its `exerciseID` and `canonicalName`; the name as written is kept.
    /// Imports and `POST /v1/users/{user}/workouts` match names the same way. `cache` carries
    /// answers across workouts (one lookup per distinct name).
    ///
    /// - Returns: the names that matched nothing.
    @discardableResult
    public mutating func matchExercises(_ resolver: any ExerciseNameResolving,
                                        cache: inout [String: ResolvedExerciseName?]) -> Set<String> {
        var unmatched = Set<String>()
        for e in exercises.indices where exercises[e].exerciseID == nil {
            let name = exercises[e].name
            let match: ResolvedExerciseName?
            if let cached = cache[name] {
                match = cached
            } else {
                match = resolver.resolve(name)
                cache[name] = .some(match)
            }
            if let match {
                exercises[e].exerciseID = match.id
                exercises[e].canonicalName = match.canonicalName
            } else {
                unmatched.insert(name)
            }
        }
        return unmatched
    }

    /// `matchExercises(_:cache:)` for one workout.
    @discardableResult
    public mutating func matchExercises(_ resolver: any ExerciseNameResolving) -> Set<String> {
        var cache: [String: ResolvedExerciseName?] = [:]
        return matchExercises(resolver, cache: &cache)
    }
}
