import Foundation
import Yams

/// Router accuracy over a labelled suite (`evals/routing.yaml`).
///
/// Reads the eval suite format (`cases:` each with `id`, `message` and an `assert` list holding
/// one `{type: routed-to, value: AGENT}`); other keys are ignored here. Cases whose explicit
/// `agent` is not `auto` are skipped (they do not exercise the router).
public struct RoutingEvaluation: Sendable {
    public struct LabelledMessage: Sendable, Equatable {
        public var id: String
        public var message: String
        public var expected: String
    }

    public struct Miss: Sendable, Equatable {
        public var id: String
        public var message: String
        public var expected: String
        public var decision: RoutingDecision
    }

    public struct Report: Sendable {
        public var total: Int
        public var correct: Int
        /// Per expected agent: (correct, total).
        public var perAgent: [String: (correct: Int, total: Int)]
        /// How often each routing method decided.
        public var methods: [RoutingDecision.Method: Int]
        public var misses: [Miss]

        public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

        /// A few lines for logs and test output.
        public var summary: String {
            var lines = ["routing accuracy \(correct)/\(total) = \(String(format: "%.1f", accuracy * 100))%"]
            for agent in perAgent.keys.sorted() {
                let (c, t) = perAgent[agent]!
                lines.append("  \(agent): \(c)/\(t)")
            }
            lines.append("  methods: " + methods.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
            for miss in misses {
                lines.append("  miss \(miss.id): expected \(miss.expected), got \(miss.decision.agent) (\(miss.decision.method.rawValue)): \(miss.message)")
            }
            return lines.joined(separator: "\n")
        }
    }

    public let cases: [LabelledMessage]

    public init(cases: [LabelledMessage]) { self.cases = cases }

    /// Loads the labelled messages of a routing suite file.
    public static func load(from url: URL) throws -> RoutingEvaluation {
        let file = url.lastPathComponent
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw AgentsError(.invalidConfiguration, "\(url.path): cannot read the routing suite: \(error.localizedDescription)")
        }
        let root = try ConfigSection(file: file, path: "", value: try Yams.load(yaml: text))
        guard let list = root.values["cases"] as? [Any] else {
            throw AgentsError.config(file, "cases", "is missing; add a list of cases")
        }
        var cases: [LabelledMessage] = []
        for (index, item) in list.enumerated() {
            let entry = try ConfigSection(file: file, path: "cases[\(index)]", value: item)
            if let agent = entry.values["agent"] as? String, agent != "auto" { continue }
            let assertions = entry.values["assert"] as? [[String: Any]] ?? []
            guard let routed = assertions.first(where: { $0["type"] as? String == "routed-to" }),
                  let expected = routed["value"] as? String else {
                throw AgentsError.config(file, entry.key("assert"), "has no {type: routed-to, value: AGENT} assertion")
            }
            cases.append(LabelledMessage(id: try entry.string("id"), message: try entry.string("message"), expected: expected))
        }
        return RoutingEvaluation(cases: cases)
    }

    /// Routes every message with `router` and compares with the labels.
    public func run(with router: AgentRouter) throws -> Report {
        var report = Report(total: 0, correct: 0, perAgent: [:], methods: [:], misses: [])
        for item in cases {
            let decision = try router.route(item.message, requested: nil)
            report.total += 1
            report.methods[decision.method, default: 0] += 1
            var tally = report.perAgent[item.expected] ?? (0, 0)
            tally.total += 1
            if decision.agent == item.expected {
                report.correct += 1
                tally.correct += 1
            } else {
                report.misses.append(Miss(id: item.id, message: item.message, expected: item.expected, decision: decision))
            }
            report.perAgent[item.expected] = tally
        }
        return report
    }
}
