import Foundation
import Yams

/// Turns rated chat turns into candidate eval cases, written as a suite file for review
/// (`spotter eval promote`; the format is `SuiteLoader`'s, so a reviewed case moves into a suite
/// unchanged):
///
/// - a well-rated reply (rating ≥ `goodAtLeast`, default +1) becomes a reference case: the same
///   message to the same agent must get a reply `similar` to it (cosine ≥ `similarThreshold`, 0.8);
/// - a poorly rated reply (rating ≤ `poorAtMost`, default -1) becomes a regression case carrying the
///   rating's comment: the reply must NOT be `similar` to the rated one (cosine < `regressionThreshold`,
///   0.9), so the case fails until the prompts or models change what was wrong; the reviewer adds
///   assertions for what the comment asks;
/// - ratings in between are left out.
///
/// Each case uses the user's profile as it is now (not their history: add `workouts` when the
/// reply depended on them) and the agent that answered. Case ids are `liked-f<feedback id>` and
/// `regression-f<feedback id>`, so promoting twice gives the same ids.
///
/// ```yaml
/// # Candidate eval cases promoted from rated chat turns on 2026-11-30 by `spotter eval promote`.
/// suite: candidates-2026-11-30
/// defaults: {temperature: 0, seed: 42, min_pass_rate: 0.8}
/// cases:
/// - id: regression-f7
///   description: "Rated -1 on 2026-11-29 (conversation c_1): \"ignored my knee\""
///   agent: planner
///   user: {profile: {units: kg, injuries: [knee], ...}}
///   message: "leg day please"
///   assert:
///   - {type: similar, value: "Do jump squats ...", threshold: 0.9, not: true}
/// ```
public struct FeedbackPromoter: Sendable {
    public var goodAtLeast: Int
    public var poorAtMost: Int
    public var similarThreshold: Double
    public var regressionThreshold: Double

    public init(goodAtLeast: Int = 1, poorAtMost: Int = -1, similarThreshold: Double = 0.8, regressionThreshold: Double = 0.9) {
        self.goodAtLeast = goodAtLeast
        self.poorAtMost = poorAtMost
        self.similarThreshold = similarThreshold
        self.regressionThreshold = regressionThreshold
    }

    /// The turns that become cases: well rated or poorly rated, oldest first.
    public func selected(_ turns: [RatedTurn]) -> [RatedTurn] {
        turns.filter { $0.rating >= goodAtLeast || $0.rating <= poorAtMost }
    }

    /// The candidate suite for `turns` as YAML (nil when no turn qualifies).
    public func suiteYAML(_ turns: [RatedTurn], date: Date = Date()) throws(EvalError) -> String? {
        let chosen = selected(turns)
        guard !chosen.isEmpty else { return nil }
        let day = Self.day(date)
        let root = Node([
            (Node("suite"), Node("candidates-\(day)")),
            (Node("description"), Self.text("Rated chat turns promoted for review: " + Self.counts(chosen.filter { $0.rating >= goodAtLeast }.count,
                                                                                             of: chosen.count) + ".")),
            (Node("defaults"), Node([(Node("temperature"), Node("0")), (Node("seed"), Node("42")), (Node("min_pass_rate"), Node("0.8"))])),
            (Node("cases"), Node(chosen.map(caseNode))),
        ])
        let body: String
        do { body = try Yams.serialize(node: root, width: -1, allowUnicode: true) }
        catch { throw EvalError(.storage, "cannot write the candidate cases as YAML: \(error)") }
        return """
            # Candidate eval cases promoted from rated chat turns on \(day) by `spotter eval promote`.
            # Review each case (the user's history is not included; add `workouts` where the reply
            # depended on it), then move the ones worth keeping into a suite under evals/.

            """ + body
    }

    func caseNode(_ t: RatedTurn) -> Node {
        let liked = t.rating >= goodAtLeast
        var description = "Rated \(t.rating > 0 ? "+" : "")\(t.rating) on \(Self.day(t.ratedAt)) (conversation \(t.conversation))"
        if let comment = t.comment?.trimmingCharacters(in: .whitespacesAndNewlines), !comment.isEmpty {
            description += ": \"\(comment)\""
        }
        if !liked { description += ". The reply must not resemble the rated one; add assertions for what the comment asks." }
        var assertion: [(Node, Node)] = [(Node("type"), Node("similar")), (Node("value"), Self.text(t.reply)),
                                         (Node("threshold"), Node(String(liked ? similarThreshold : regressionThreshold)))]
        if !liked { assertion.append((Node("not"), Node("true"))) }
        var pairs: [(Node, Node)] = [
            (Node("id"), Node("\(liked ? "liked" : "regression")-f\(t.feedbackID)")),
            (Node("description"), Self.text(description)),
        ]
        if let agent = t.agent, ["insight", "planner", "coach"].contains(agent) { pairs.append((Node("agent"), Node(agent))) }
        if let profile = t.profile { pairs.append((Node("user"), Node([(Node("profile"), Self.node(profile))]))) }
        pairs.append((Node("message"), Self.text(t.message)))
        pairs.append((Node("assert"), Node([Node(assertion, .implicit, .flow)])))
        return Node(pairs)
    }

    /// A string scalar that always reads back as a string.
    static func text(_ s: String) -> Node { Node(s, Tag(.str), .doubleQuoted) }

    static func node(_ v: JSONValue) -> Node {
        switch v {
        case .null: Node("null")
        case .bool(let b): Node(b ? "true" : "false")
        case .number(let n): Node(n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n))
        case .string(let s): text(s)
        case .array(let a): Node(a.map(node), .implicit, .flow)
        case .object(let o): Node(o.keys.sorted().map { (Node($0), node(o[$0]!)) }, .implicit, .flow)
        }
    }

    /// "1 liked, 2 regressions".
    public static func counts(_ liked: Int, of total: Int) -> String {
        "\(liked) liked, \(total - liked) regression\(total - liked == 1 ? "" : "s")"
    }

    /// `YYYY-MM-DD` (UTC) of `date`.
    public static func day(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    /// Writes `text` to `path`, creating folders; an existing file is replaced only with `force`.
    public static func write(_ text: String, to path: String, force: Bool) throws(EvalError) {
        let url = URL(fileURLWithPath: path)
        if !force, FileManager.default.fileExists(atPath: path) {
            throw EvalError(.usage, "\(path) already exists; review and move it, choose another --output, or pass --force to replace it")
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: force ? .atomic : .withoutOverwriting)
        } catch {
            throw EvalError(.storage, "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
