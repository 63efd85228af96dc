/// Chooses the agent for a message: an explicit agent wins; otherwise the first routing rule the
/// message matches; otherwise the best similarity to the agents' example utterances if it reaches
/// the threshold; otherwise the agent whose keywords the message mentions most; otherwise the
/// fallback agent.
///
/// The rule the examples, rules and `evals/routing*.yaml` follow:
/// - **insight** answers what the log shows: progress, trends, PRs, volume, consistency, what
///   the check-ins say.
/// - **planner** answers what to do: sessions, programs, exercise choice and substitutions,
///   sets, reps, loads and rest, including "what should I train today?" and the next load.
/// - **coach** answers how the lifter feels and whether to train now: readiness ("should I
///   squat heavy today?", tired, sore, short on sleep), motivation, celebration, setbacks, and
///   any pain or injury (safety first: these are rules, not similarity).
public struct AgentRouter: Sendable {
    public let configuration: RouterConfiguration
    public let agentNames: [String]
    private let scorer: any UtteranceScorer
    private let keywords: [String: Set<String>]

    /// - Parameter scorer: defaults to TF-IDF over the configured examples and training messages.
    public init(configuration: RouterConfiguration, agentNames: [String], scorer: (any UtteranceScorer)? = nil) {
        self.configuration = configuration
        self.agentNames = agentNames
        self.scorer = scorer ?? TFIDFUtteranceScorer(examples: configuration.labelled)
        self.keywords = configuration.keywords.mapValues { Set($0.map { RouterText.stem($0.lowercased()) }) }
    }

    /// Routes `message`; `requested` is the request's `agent` (`nil` or `auto` means choose).
    /// Throws `.invalidRequest` for an agent name that does not exist.
    public func route(_ message: String, requested: String?) throws -> RoutingDecision {
        if let requested, requested != "auto" {
            guard agentNames.contains(requested) else {
                throw AgentsError(.invalidRequest,
                                  "unknown agent \"\(requested)\"; use auto or one of \(agentNames.joined(separator: ", "))")
            }
            return RoutingDecision(agent: requested, method: .explicit, score: 1, reason: "the request named the \(requested) agent")
        }
        for rule in configuration.rules {
            if let pattern = rule.match(message) {
                return RoutingDecision(agent: rule.agent, method: .rule, score: 1,
                                       reason: "routing rule: \(rule.why) (matched /\(pattern)/)")
            }
        }
        let scores = scorer.scores(for: message)
        if let best = agentNames.map({ ($0, scores[$0] ?? 0) }).max(by: { $0.1 < $1.1 }), best.1 >= configuration.threshold {
            let runnerUp = agentNames.filter { $0 != best.0 }.map { scores[$0] ?? 0 }.max() ?? 0
            return RoutingDecision(
                agent: best.0, method: .similarity, score: best.1,
                reason: "closest to the \(best.0) examples (\(scorer.name) similarity \(Self.format(best.1)), next best \(Self.format(runnerUp)), threshold \(Self.format(configuration.threshold)))")
        }
        let words = Set(RouterText.words(message).map(RouterText.stem))
        let hits = agentNames.map { agent in (agent, keywords[agent].map { $0.intersection(words) } ?? []) }
        if let top = hits.max(by: { $0.1.count < $1.1.count }), !top.1.isEmpty,
           hits.filter({ $0.1.count == top.1.count }).count == 1 {
            return RoutingDecision(agent: top.0, method: .keyword, score: Double(top.1.count) / Double(max(words.count, 1)),
                                   reason: "mentions \(top.0) keywords: \(top.1.sorted().joined(separator: ", "))")
        }
        let bestScore = scores.values.max() ?? 0
        return RoutingDecision(agent: configuration.fallback, method: .fallback, score: bestScore,
                               reason: "no agent's examples were close enough (best \(Self.format(bestScore)) < \(Self.format(configuration.threshold))) and no keyword decided; using the fallback \(configuration.fallback)")
    }

    private static func format(_ x: Double) -> String {
        String(Double((x * 100).rounded()) / 100)
    }
}
