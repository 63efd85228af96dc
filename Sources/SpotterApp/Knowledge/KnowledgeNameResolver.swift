import Knowledge
import Store

/// Resolves imported exercise names (Hevy, Strong, tracker images) against the knowledge base:
/// exact, alias and normalised names first, then sentence-embedding similarity above the
/// matcher's threshold. A name that does not match stays as written and is reported. The match
/// score (1 for names, the cosine for embeddings) is kept, so the tracker can lower the
/// confidence of a weak match.
public struct KnowledgeNameResolver: ExerciseNameResolving {
    let matcher: ExerciseNameMatcher

    public init(matcher: ExerciseNameMatcher) {
        self.matcher = matcher
    }

    public func resolve(_ name: String) -> ResolvedExerciseName? {
        guard case .matched(let id, let canonical, _, let score) = (try? matcher.match(name)) ?? .unmatched(name: name) else {
            return nil
        }
        return ResolvedExerciseName(id: id, canonicalName: canonical, score: score)
    }
}
