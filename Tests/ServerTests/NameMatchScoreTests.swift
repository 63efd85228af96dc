import Knowledge
import Store
import Testing
import Tracker
@testable import SpotterApp

/// The knowledge matcher's score reaches the tracker: a name matched only by embedding
/// similarity lowers the entry's confidence, an exact name does not.
@Suite struct NameMatchScoreTests {
    /// "Flat bench" embeds at cosine 0.894 to "Barbell Bench Press" ([1, 0.5] vs [1, 0]); anything
    /// else is orthogonal.
    struct TwoWordEmbedder: TextEmbedder {
        var dimension: Int { 2 }
        func embed(_ texts: [String]) throws -> [[Float]] {
            texts.map { $0.lowercased() == "flat bench" ? [1, 0.5] : $0.lowercased().contains("bench") ? [1, 0] : [0, 1] }
        }
    }

    func matcher() throws -> KnowledgeTrackerMatcher {
        let names = try ExerciseNameMatcher(entries: [.init(id: "barbell-bench-press", name: "Barbell Bench Press", aliases: [])],
                                            embedder: TwoWordEmbedder(), threshold: 0.85)
        let resolver = Loadable<any ExerciseNameResolving>(name: "exercise-name matching")
        resolver.resolve(KnowledgeNameResolver(matcher: names))
        return KnowledgeTrackerMatcher(resolver: resolver)
    }

    @Test func resolver_keepsTheEmbeddingScore_andTheTrackerMatchCarriesIt() throws {
        let matcher = try matcher()
        let weak = try #require(matcher.match("Flat bench"))
        #expect(weak.id == "barbell-bench-press")
        #expect(abs(weak.score - 0.8944) < 0.001)
        #expect(try #require(matcher.match("Barbell Bench Press")).score == 1)
    }

    @Test func weakNameMatch_lowersTheEntrysConfidence() throws {
        let parser = WorkoutTextParser(matcher: try matcher())
        let exact = try #require(parser.parse("Barbell Bench Press 3x8 @ 80kg").first)
        let weak = try #require(parser.parse("Flat bench 3x8 @ 80kg").first)
        #expect(exact.exercise.matched && weak.exercise.matched)
        #expect(weak.confidence < exact.confidence, "weak \(weak.confidence), exact \(exact.confidence)")
    }
}
