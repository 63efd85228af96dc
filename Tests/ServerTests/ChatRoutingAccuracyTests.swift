import Agents
import Foundation
import Testing
import TextEmbedding
@testable import Server

/// Routing accuracy on `evals/routing.yaml` (122 labelled messages), lexical TF-IDF vs the
/// sentence-embedding scorer over all-MiniLM-L6-v2, with the router configuration of agents.yaml.
@Suite struct ChatRoutingAccuracyTests {
    /// The floor for the embedding router. The suite's own `min_pass_rate` is 0.75; a router
    /// that sends fewer than 3 in 4 messages to the right agent would make the agents' prompts
    /// pointless. Measured 2026-11-23: see the printed figures (and the lead report).
    static let floor = 0.75

    @Test func routingAccuracy_embeddingsMeetTheFloor_andPrintsBothScorers() throws {
        let root = ChatFixture.repositoryRoot()
        let configuration = try AgentsConfiguration.load(from: ChatFixture.agentsFile)
        let suite = try RoutingEvaluation.load(from: root.appendingPathComponent("evals/routing.yaml"))
        #expect(suite.cases.count >= 120)

        let lexical = try suite.run(with: AgentRouter(configuration: configuration.router, agentNames: configuration.agentNames))
        let encoder = try SentenceEncoder(modelDirectory: ChatFixture.encoderDirectory.path)
        let scorer = try EmbeddingUtteranceScorer(embedder: encoder, examples: configuration.router.examples)
        let embedding = try suite.run(with: AgentRouter(configuration: configuration.router, agentNames: configuration.agentNames, scorer: scorer))
        print("lexical (tfidf):\n\(lexical.summary)\n\nembedding (minilm):\n\(embedding.summary)")
        for (k, w) in [(1, 0.0), (3, 0.0), (2, 0.3), (2, 0.5), (3, 0.5)] {
            let variant = try EmbeddingUtteranceScorer(embedder: encoder, examples: configuration.router.examples, topK: k, lexicalWeight: w)
            let report = try suite.run(with: AgentRouter(configuration: configuration.router, agentNames: configuration.agentNames, scorer: variant))
            print("variant topK=\(k) lexicalWeight=\(w): \(report.summary.split(separator: "\n").first ?? "")")
        }

        #expect(embedding.accuracy >= Self.floor, "\(embedding.summary)")
        // Every agent gets most of its own messages, not just the fallback.
        for (agent, tally) in embedding.perAgent {
            #expect(Double(tally.correct) / Double(tally.total) >= 0.6, "\(agent): \(tally.correct)/\(tally.total)")
        }
    }

    @Test func embeddingScorer_scoresAnExampleItselfHighestForItsAgent() throws {
        let encoder = try SentenceEncoder(modelDirectory: ChatFixture.encoderDirectory.path)
        let scorer = try EmbeddingUtteranceScorer(embedder: encoder, examples: [
            "coach": ["I don't feel like training today.", "Motivate me to get to the gym."],
            "planner": ["Write me a four day upper lower split.", "Plan my workout for today."],
        ], topK: 1)
        let scores = scorer.scores(for: "Write me a four day upper lower split.")
        #expect(abs(scores["planner"]! - 1) < 1e-3)
        #expect(scores["coach"]! < 0.6)
        #expect(scorer.name == "minilm")
    }
}
