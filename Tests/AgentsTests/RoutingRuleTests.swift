import Foundation
import Testing
@testable import Agents

/// `router.rules` in agents.yaml: pain and readiness decisions do not depend on example wording.
@Suite struct RoutingRuleTests {
    static let config = try! AgentsConfiguration.load(from: agentsYAML)
    static let router = AgentRouter(configuration: config.router, agentNames: config.agentNames)

    @Test func pain_goesToTheCoach_byRule() throws {
        for message in ["I have a sharp pain in my lower back when I deadlift.", "My elbow hurts when I do curls",
                        "I felt dizzy after my last set"] {
            let decision = try Self.router.route(message, requested: nil)
            #expect(decision.agent == "coach", "\(message)")
            #expect(decision.method == .rule)
            #expect(decision.reason.contains("pain"))
        }
    }

    @Test func planningAroundAnInjury_isNotCaughtByThePainRule() throws {
        let decision = try Self.router.route("Build a routine around my knee injury.", requested: nil)
        #expect(!decision.reason.contains("pain"))
        #expect(decision.agent == "planner")
    }

    /// Readiness is learned from the labelled training suites, not a rule (only pain is a rule).
    @Test func readinessToday_goesToTheCoach_butWhichWorkoutToday_goesToThePlanner() throws {
        let heavy = try Self.router.route("Should I squat heavy today? I slept badly.", requested: nil)
        #expect(heavy.agent == "coach")
        #expect(heavy.method == .similarity)
        let which = try Self.router.route("What should I train today?", requested: nil)
        #expect(which.agent == "planner")
    }

    @Test func explicitAgent_stillWinsOverARule() throws {
        #expect(try Self.router.route("My knee hurts", requested: "planner").agent == "planner")
    }

    @Test func ruleWithAnInvalidPattern_failsNamingTheKey() throws {
        let url = try copyConfiguration()
        try edit(url, replacing: "  rules:\n", with: "  rules:\n    - {agent: coach, why: broken, match: ['(unclosed']}\n")
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.message.contains("router.rules[0].match") == true)
        #expect(error?.message.contains("not a valid regular expression") == true)
    }

    @Test func ruleForAnUnknownAgent_failsNamingTheAgents() throws {
        let url = try copyConfiguration()
        try edit(url, replacing: "  rules:\n", with: "  rules:\n    - {agent: doctor, why: x, match: ['pain']}\n")
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.message.contains("router.rules[0].agent") == true)
    }
}
