import Store
import Tracker

/// The tracker's exercise-name matching, backed by the knowledge base's resolver (the same one
/// imports use). While the index is still loading at start-up the route waits for it; a name
/// that does not match stays as written and is marked unmatched.
public struct KnowledgeTrackerMatcher: ExerciseNameMatching {
    let resolver: Loadable<any ExerciseNameResolving>

    public init(resolver: Loadable<any ExerciseNameResolving>) {
        self.resolver = resolver
    }

    public func match(_ name: String) -> ExerciseMatch? {
        guard let resolved = resolver.loaded?.resolve(name) else { return nil }
        return ExerciseMatch(id: resolved.id, name: resolved.canonicalName, score: resolved.score)
    }
}
