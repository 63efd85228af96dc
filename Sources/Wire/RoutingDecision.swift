/// Which agent answers and why: `{"agent": "coach", "method": "similarity", "score": 0.71, "reason": "..."}`.
/// `method`: `explicit` (the request named the agent), `rule`, `similarity`, `keyword` or `fallback`.
public struct RoutingDecision: Sendable, Equatable, Codable {
    public enum Method: String, Sendable, Codable { case explicit, rule, similarity, keyword, fallback }
    public var agent: String
    public var method: Method
    public var score: Double
    public var reason: String

    public init(agent: String, method: Method, score: Double, reason: String) {
        self.agent = agent
        self.method = method
        self.score = score
        self.reason = reason
    }
}
