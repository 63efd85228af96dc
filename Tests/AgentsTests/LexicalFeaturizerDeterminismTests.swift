import Testing
@testable import Agents

/// The router's cached training embeddings are only worth having if a restarted router scores
/// exactly as before, so the lexical features must not depend on dictionary order.
@Suite struct LexicalFeaturizerDeterminismTests {
    static let training = ["how has my squat progressed since spring", "what should I train today after a long week",
                           "I feel sore and tired, should I still go heavy", "show me my bench press volume trend",
                           "plan three sessions a week for strength and some cardio", "have I hit a deadlift PR this year"]

    @Test func features_ofTheSameMessage_areBitIdentical_acrossFeaturizersAndCalls() {
        let messages = Self.training + ["how many sets of squat and bench did I log this week and last week",
                                        "should I train legs or rest after sleeping badly and feeling sore"]
        for message in messages {
            let reference = LexicalFeaturizer(training: Self.training).features(of: message, offset: 384)
            #expect(reference.count > 3, "\(message)")
            for _ in 0..<20 {
                let other = LexicalFeaturizer(training: Self.training).features(of: message, offset: 384)
                #expect(other.map(\.index) == reference.map(\.index))
                #expect(other.map(\.value.bitPattern) == reference.map(\.value.bitPattern), "\(message)")
            }
        }
    }
}
