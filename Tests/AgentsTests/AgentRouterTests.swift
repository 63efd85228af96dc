import Foundation
import SpotterTestSupport
import Testing
@testable import Agents

@Suite struct AgentRouterTests {
    static let config = try! AgentsConfiguration.load(from: agentsYAML)
    static let router = AgentRouter(configuration: config.router, agentNames: config.agentNames)

    @Test func explicitAgent_winsOverSimilarity() throws {
        let decision = try Self.router.route("Plan my leg day for tomorrow", requested: "coach")
        #expect(decision.agent == "coach")
        #expect(decision.method == .explicit)
    }

    @Test func unknownExplicitAgent_isAnInvalidRequestListingTheAgents() {
        let error = #expect(throws: AgentsError.self) { try Self.router.route("hi", requested: "doctor") }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.message.contains("insight, planner, coach") == true)
    }

    @Test func clearMessages_routeBySimilarityToTheRightAgent() throws {
        // No rule matches this one: the similarity scorer decides.
        let plan = try Self.router.route("Push pull legs program, four days a week please", requested: "auto")
        #expect(plan.agent == "planner")
        #expect(plan.method == .similarity)
        #expect(plan.reason.contains("tfidf"))
        #expect(try Self.router.route("Why has my bench press stalled for weeks?", requested: nil).agent == "insight")
        #expect(try Self.router.route("I don't feel motivated to train today", requested: nil).agent == "coach")
    }

    @Test func unrelatedMessage_fallsBackToTheFallbackAgentAndSaysWhy() throws {
        let decision = try Self.router.route("zxqv blorp", requested: nil)
        #expect(decision.agent == "coach")
        #expect(decision.method == .fallback)
        #expect(decision.reason.contains("fallback"))
    }

    @Test func belowThresholdWithAKeyword_routesByKeyword() throws {
        let router = AgentRouter(configuration: RouterConfiguration(
            threshold: 0.99, fallback: "coach", examples: ["insight": ["a"], "coach": ["b"]],
            keywords: ["insight": ["trend"], "coach": ["motivate"]]), agentNames: ["insight", "coach"])
        let decision = try router.route("show the trends please", requested: nil)
        #expect(decision.agent == "insight")
        #expect(decision.method == .keyword)
        #expect(decision.reason.contains("trend"))
    }

    @Test func customScorer_isUsedInsteadOfTFIDF() throws {
        struct AlwaysPlanner: UtteranceScorer {
            let name = "embedding"
            func scores(for message: String) -> [String: Double] { ["planner": 0.9, "insight": 0.1, "coach": 0.1] }
        }
        let router = AgentRouter(configuration: Self.config.router, agentNames: Self.config.agentNames, scorer: AlwaysPlanner())
        let decision = try router.route("I feel lazy", requested: nil)
        #expect(decision.agent == "planner")
        #expect(decision.reason.contains("embedding"))
    }

    @Test func routingSuite_hasFortyMessagesPerAgent_andAccuracyIsPrinted() throws {
        let evaluation = try RoutingEvaluation.load(from: repositoryRoot().appendingPathComponent("evals/routing.yaml"))
        #expect(evaluation.cases.count >= 120)
        for agent in ["insight", "planner", "coach"] {
            #expect(evaluation.cases.filter { $0.expected == agent }.count >= 40)
        }
        // The router's examples must not be the test messages.
        let examples = Set(Self.config.router.examples.values.joined().map { $0.lowercased() })
        #expect(evaluation.cases.allSatisfy { !examples.contains($0.message.lowercased()) })

        let report = try evaluation.run(with: Self.router)
        print(report.summary)
        #expect(report.total == evaluation.cases.count)
        #expect(report.accuracy >= 0.85, "routing accuracy fell to \(report.accuracy)")
    }
}
