import Foundation
import Yams

/// Reads `evals/*.yaml` suite files. Every error names the file and the line.
///
/// ## Suite file format (JSON Schema: `schemas/eval-suite.schema.json`)
///
/// ```yaml
/// suite: insight                 # optional; default: the file name without .yaml
/// description: Overload coaching # optional
/// defaults:                      # optional; every key may be overridden per case
///   agent: insight               # auto | insight | planner | coach (default auto)
///   threshold: 1.0               # a case passes when passed weight / total weight >= this
///   min_pass_rate: 0.8           # the run fails when fewer of this suite's cases pass
///   temperature: 0               # sent with each chat request (determinism)
///   seed: 42
///   max_tokens: 256
///   user: { profile: {...}, workouts: [...], checkin: {...} }   # default user state
///   assert: [...]                # assertions added to every case
/// cases:
///   - id: bench-add-load         # required, unique in the suite
///     description: ...
///     user:                      # created in a scratch user for the case, deleted afterwards
///       profile: {age: 30, sex: male, bodyweight: 82, units: lb, experience: intermediate,
///                 goal: strength, days_per_week: 4, equipment: [barbell], injuries: []}
///       workouts:                # bodies of POST /v1/users/{user}/workouts, oldest first;
///         - days_ago: 3          #   `days_ago: N` becomes `started_at` N days before the run
///           title: Push
///           exercises: [{name: Bench Press, sets: [{weight: 185, reps: 5, rpe: 7}]}]
///       checkin: {sleep_hours: 8, soreness: 2, energy: 8}
///     message: Should I go up on bench?   # exactly one of message / tracker_image
///     tracker_image: images/log.png        # path relative to the suite file
///     agent: insight
///     assert:
///       - type: icontains-any    # see Assertion.Kind for all types
///         value: [increase, "190"]
///         weight: 2              # default 1
///         not: false             # true negates the assertion
///         threshold: 0.8         # similar / llm-rubric only
///         tolerance: 5           # grounded only (default one plate step)
///         target: reply          # json-schema only: reply | grounding | response
/// ```
public struct SuiteLoader: Sendable {
    /// The time `days_ago` is counted from.
    public var now: Date

    public init(now: Date = Date()) { self.now = now }

    /// Loads the suite at `path`.
    public func load(path: String) throws(EvalError) -> Suite {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) }
        catch { throw EvalError(.badSuite, "cannot read the suite file: \(error.localizedDescription)", file: path) }
        return try parse(text, file: path)
    }

    /// Parses suite text; `file` is used for error messages, the suite name and image paths.
    public func parse(_ text: String, file: String) throws(EvalError) -> Suite {
        let root: Node?
        do { root = try Yams.compose(yaml: text) }
        catch let error as YamlError { throw Self.translate(error, file: file) }
        catch { throw EvalError(.badSuite, "not valid YAML: \(error)", file: file) }
        guard let root else { throw EvalError(.badSuite, "the file is empty; a suite needs `cases:`", file: file, line: 1) }
        let nodes = Self.expandedNodeCount(root, limit: Self.maxNodes)
        guard nodes <= Self.maxNodes else {
            throw EvalError(.badSuite, "the suite expands to more than \(Self.maxNodes) YAML nodes once its aliases (*name) are resolved; write the repeated parts out or split the suite", file: file)
        }
        return try SuiteParser(file: file, now: now).suite(root)
    }

    /// The most YAML nodes a suite may hold with its aliases resolved. Without aliases a node
    /// takes at least a byte, so every suite in `evals/` (at most 33 KB) is far below it; an alias
    /// bomb (lists repeating lists by alias: 629 bytes for 10⁹ nodes, which hung the eval-suite fuzz harness)
    /// is refused before the parser walks it.
    static let maxNodes = 100_000

    /// Nodes under `root`, aliases expanded, counted without recursion; stops once past `limit`.
    static func expandedNodeCount(_ root: Node, limit: Int) -> Int {
        var pending = [root]
        var count = 0
        while let node = pending.popLast(), count <= limit {
            count += 1
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping { pending.append(key); pending.append(value) }
            case .sequence(let sequence):
                pending.append(contentsOf: sequence)
            case .scalar, .alias:
                break
            }
        }
        return count
    }

    static func translate(_ error: YamlError, file: String) -> EvalError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let ctx = context.map { "\($0.text) " } ?? ""
            return EvalError(.badSuite, "not valid YAML: \(ctx)\(problem); fix the syntax", file: file, line: mark.line)
        case let .duplicatedKeysInMapping(duplicates, context):
            return EvalError(.badSuite, "duplicate keys \(duplicates.joined(separator: ", ")); each key may appear once", file: file, line: context.mark.line)
        default:
            return EvalError(.badSuite, "not valid YAML: \(error)", file: file)
        }
    }
}
