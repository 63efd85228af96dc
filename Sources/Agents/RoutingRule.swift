import Foundation

/// A routing rule from `agents.yaml` `router.rules`: when a message matches one of `patterns`
/// and none of `unless`, it goes to `agent`, before any similarity scoring.
///
/// Rules carry the routing decisions that must not depend on how close a message happens to be
/// to an example utterance: pain and injury go to the Coach (who tells the lifter to stop and see
/// a professional), and so does readiness now ("should I go heavy today?"). Patterns are
/// case-insensitive regular expressions (ICU syntax); rules are tried in order, the first match wins.
public struct RoutingRule: @unchecked Sendable, Equatable {
    public let agent: String
    /// Why the rule exists, echoed in the routing decision's reason.
    public let why: String
    public let patterns: [String]
    public let unless: [String]
    // NSRegularExpression is immutable and documented thread-safe, hence @unchecked Sendable.
    private let compiledPatterns: [NSRegularExpression]
    private let compiledUnless: [NSRegularExpression]

    /// Throws the regex compiler's error for an invalid pattern.
    public init(agent: String, why: String, patterns: [String], unless: [String] = []) throws {
        self.agent = agent
        self.why = why
        self.patterns = patterns
        self.unless = unless
        compiledPatterns = try patterns.map { try NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }
        compiledUnless = try unless.map { try NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }
    }

    /// The first pattern `message` matches, or nil when none does or an `unless` pattern matches.
    public func match(_ message: String) -> String? {
        let range = NSRange(message.startIndex..., in: message)
        guard let hit = compiledPatterns.firstIndex(where: { $0.firstMatch(in: message, range: range) != nil }) else { return nil }
        if compiledUnless.contains(where: { $0.firstMatch(in: message, range: range) != nil }) { return nil }
        return patterns[hit]
    }

    public static func == (a: RoutingRule, b: RoutingRule) -> Bool {
        a.agent == b.agent && a.why == b.why && a.patterns == b.patterns && a.unless == b.unless
    }
}
