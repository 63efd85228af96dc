import Foundation
import Testing
@testable import Agents

@Suite struct RouterTrainingTests {
    @Test func agentsYAML_trainsOnTheRoutingSuites_butNeverOnTheBlindOnes() throws {
        let text = try String(contentsOf: agentsYAML, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("  training:") })
        #expect(line.contains("evals/routing.yaml"))
        #expect(!line.contains("heldout-3") && !line.contains("heldout-4"), "held-out suites measure the router; never train on them")
        let configuration = try AgentsConfiguration.load(from: agentsYAML)
        #expect(configuration.router.training.keys.sorted() == ["coach", "insight", "planner"])
        #expect(configuration.router.labelled["coach"]!.count == configuration.router.examples["coach"]!.count + configuration.router.training["coach"]!.count)
    }

    @Test func trainingSuite_keepsAutoRoutedCases_andSkipsExplicitAgentsAndGenerationCases() throws {
        let url = try copyConfiguration()
        let suite = url.deletingLastPathComponent().appendingPathComponent("evals/tiny.yaml")
        try """
        suite: tiny
        cases:
          - {id: a, message: "How many squats did I do?", assert: [{type: routed-to, value: insight}]}
          - {id: b, message: "Named agent", agent: coach, assert: [{type: routed-to, value: coach}]}
          - {id: c, message: "No routing assertion", assert: [{type: contains, value: kg}]}
        """.write(to: suite, atomically: true, encoding: .utf8)
        try edit(url, replacing: "  training: [evals/routing.yaml, evals/routing-heldout.yaml, evals/routing-heldout-2.yaml, evals/routing-training.yaml]",
                 with: "  training: [evals/tiny.yaml]")
        let configuration = try AgentsConfiguration.load(from: url)
        #expect(configuration.router.training == ["insight": ["How many squats did I do?"]])
    }

    @Test func trainingSuite_routingToAnUnknownAgent_failsNamingTheCase() throws {
        let url = try copyConfiguration()
        try "cases:\n  - {id: a, message: hi, assert: [{type: routed-to, value: nutritionist}]}\n"
            .write(to: url.deletingLastPathComponent().appendingPathComponent("evals/bad.yaml"), atomically: true, encoding: .utf8)
        try edit(url, replacing: "  training: [evals/routing.yaml, evals/routing-heldout.yaml, evals/routing-heldout-2.yaml, evals/routing-training.yaml]",
                 with: "  training: [evals/bad.yaml]")
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.message.contains("evals/bad.yaml: cases[0]") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("nutritionist") == true)
    }

    @Test func trainingSuite_outsideTheConfigurationDirectory_isRefused() throws {
        let url = try copyConfiguration()
        try edit(url, replacing: "  training: [evals/routing.yaml, evals/routing-heldout.yaml, evals/routing-heldout-2.yaml, evals/routing-training.yaml]",
                 with: "  training: [/etc/hostname]")
        let error = #expect(throws: AgentsError.self) { try AgentsConfiguration.load(from: url) }
        #expect(error?.message.contains("outside the configuration directory") == true, "\(error?.message ?? "")")
    }

    @Test func lexicalFeatures_keepFunctionWordBigrams_andAreUnitLength() {
        let featurizer = LexicalFeaturizer(training: ["Should I squat heavy today?", "How many sets did I do?"])
        #expect(LexicalFeaturizer.terms(of: "Should I squat today").contains("should_i"))
        #expect(LexicalFeaturizer.terms(of: "Should I squat today").contains("^should"))
        let features = featurizer.features(of: "should i squat", offset: 10)
        #expect(features.allSatisfy { $0.index >= 10 })
        #expect(abs(features.reduce(0) { $0 + $1.value * $1.value } - 1) < 1e-5)
        #expect(featurizer.features(of: "zzz qqq").isEmpty)
    }
}
