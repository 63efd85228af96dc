import Foundation
import Yams

/// Turns a composed YAML node tree into a ``Suite``, checking every key and value and
/// reporting the line of the offending node.
struct SuiteParser {
    let file: String
    let now: Date

    static let agents = ["auto", "insight", "planner", "coach"]

    private struct Defaults {
        var agent = "auto"
        var threshold = 1.0
        var temperature: Double?
        var seed: Int?
        var maxTokens: Int?
        var user = UserState()
        var assertions: [Assertion] = []
    }

    func fail(_ node: Node?, _ message: String) -> EvalError {
        EvalError(.badSuite, message, file: file, line: node?.mark?.line)
    }

    func suite(_ root: Node) throws(EvalError) -> Suite {
        let top = try mapping(root, "the suite", allowed: ["suite", "description", "defaults", "cases"])
        let name = try top["suite"].map { n throws(EvalError) in try string(n, "suite") }
            ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var defaults = Defaults()
        var minPassRate = 1.0
        if let d = top["defaults"] {
            let m = try mapping(d, "defaults", allowed: ["agent", "threshold", "min_pass_rate", "temperature", "seed", "max_tokens", "user", "assert"])
            if let a = m["agent"] { defaults.agent = try agent(a) }
            if let t = m["threshold"] { defaults.threshold = try fraction(t, "threshold") }
            if let t = m["min_pass_rate"] { minPassRate = try fraction(t, "min_pass_rate") }
            if let t = m["temperature"] { defaults.temperature = try number(t, "temperature") }
            if let s = m["seed"] { defaults.seed = Int(try number(s, "seed")) }
            if let s = m["max_tokens"] { defaults.maxTokens = Int(try number(s, "max_tokens")) }
            if let u = m["user"] { defaults.user = try user(u, base: UserState()) }
            if let a = m["assert"] { defaults.assertions = try assertions(a) }
        }
        guard let casesNode = top["cases"] else { throw fail(root, "the suite has no `cases:`; add a list of cases") }
        guard case .sequence(let seq) = casesNode else { throw fail(casesNode, "`cases` must be a list of cases") }
        var cases: [EvalCase] = []
        var seen: [String: Int] = [:]
        for node in seq {
            let c = try evalCase(node, defaults: defaults)
            if let first = seen[c.id] { throw fail(node, "duplicate case id \"\(c.id)\" (first at line \(first)); ids must be unique") }
            seen[c.id] = c.line
            cases.append(c)
        }
        if cases.isEmpty { throw fail(casesNode, "`cases` is empty; add at least one case") }
        let description = try top["description"].map { n throws(EvalError) in try string(n, "description") }
        return Suite(name: name, file: file, description: description, minPassRate: minPassRate, cases: cases)
    }

    private func evalCase(_ node: Node, defaults: Defaults) throws(EvalError) -> EvalCase {
        let m = try mapping(node, "a case", allowed: [
            "id", "description", "user", "message", "tracker_image", "agent", "threshold",
            "temperature", "seed", "max_tokens", "assert",
        ])
        guard let idNode = m["id"] else { throw fail(node, "a case has no `id`; give every case a unique id") }
        let id = try string(idNode, "id")
        let request: EvalCase.Request
        switch (m["message"], m["tracker_image"]) {
        case (let msg?, nil): request = .chat(message: try string(msg, "message"))
        case (nil, let img?):
            let rel = try string(img, "tracker_image")
            let base = URL(fileURLWithPath: file).deletingLastPathComponent()
            let path = rel.hasPrefix("/") ? rel : base.appendingPathComponent(rel).path
            guard FileManager.default.fileExists(atPath: path) else { throw fail(img, "tracker image \(rel) not found (looked at \(path))") }
            request = .tracker(imagePath: path)
        case (_?, _?): throw fail(node, "case \"\(id)\" has both `message` and `tracker_image`; keep one")
        case (nil, nil): throw fail(node, "case \"\(id)\" has neither `message` nor `tracker_image`; add one")
        }
        var asserts = defaults.assertions
        if let a = m["assert"] { asserts += try assertions(a) }
        if asserts.isEmpty { throw fail(node, "case \"\(id)\" has no assertions; add `assert:`") }
        return EvalCase(
            id: id,
            description: try m["description"].map { n throws(EvalError) in try string(n, "description") },
            line: node.mark?.line ?? 0,
            user: try m["user"].map { n throws(EvalError) in try user(n, base: defaults.user) } ?? defaults.user,
            request: request,
            agent: try m["agent"].map { n throws(EvalError) in try agent(n) } ?? defaults.agent,
            temperature: try m["temperature"].map { n throws(EvalError) in try number(n, "temperature") } ?? defaults.temperature,
            seed: try m["seed"].map { n throws(EvalError) in Int(try number(n, "seed")) } ?? defaults.seed,
            maxTokens: try m["max_tokens"].map { n throws(EvalError) in Int(try number(n, "max_tokens")) } ?? defaults.maxTokens,
            assertions: asserts,
            threshold: try m["threshold"].map { n throws(EvalError) in try fraction(n, "threshold") } ?? defaults.threshold)
    }

    private func user(_ node: Node, base: UserState) throws(EvalError) -> UserState {
        let m = try mapping(node, "user", allowed: ["profile", "workouts", "checkin"])
        var u = base
        if let p = m["profile"] {
            guard case .mapping = p else { throw fail(p, "`profile` must be a mapping (age, sex, bodyweight, units, ...)") }
            u.profile = json(p)
            if let units = u.profile?["units"]?.stringValue, !["kg", "lb"].contains(units) {
                throw fail(p, "profile units \"\(units)\" is not kg or lb")
            }
        }
        if let w = m["workouts"] {
            guard case .sequence(let seq) = w else { throw fail(w, "`workouts` must be a list of sessions") }
            u.workouts = []
            for s in seq {
                guard case .mapping = s, var obj = json(s).objectValue else { throw fail(s, "a workout must be a mapping with started_at or days_ago, and exercises") }
                guard obj["exercises"]?.arrayValue != nil else { throw fail(s, "a workout needs `exercises:` (a list of {name, sets})") }
                if let days = obj.removeValue(forKey: "days_ago") {
                    guard let d = days.numberValue else { throw fail(s, "`days_ago` must be a number") }
                    let date = now.addingTimeInterval(-d * 86_400)
                    obj["started_at"] = .string(ISO8601DateFormatter().string(from: date))
                } else if obj["started_at"] == nil {
                    throw fail(s, "a workout needs `started_at` (ISO 8601) or `days_ago`")
                }
                u.workouts.append(.object(obj))
            }
        }
        if let c = m["checkin"] {
            guard case .mapping = c, var obj = json(c).objectValue else { throw fail(c, "`checkin` must be a mapping (sleep_hours, soreness, ...)") }
            if let days = obj.removeValue(forKey: "days_ago"), let d = days.numberValue {
                let f = ISO8601DateFormatter()
                f.formatOptions = [.withFullDate]
                obj["date"] = .string(f.string(from: now.addingTimeInterval(-d * 86_400)))
            }
            u.checkin = .object(obj)
        }
        return u
    }

    private func assertions(_ node: Node) throws(EvalError) -> [Assertion] {
        guard case .sequence(let seq) = node else { throw fail(node, "`assert` must be a list of assertions") }
        var out: [Assertion] = []
        for n in seq { out.append(try assertion(n)) }
        return out
    }

    private func assertion(_ node: Node) throws(EvalError) -> Assertion {
        let m = try mapping(node, "an assertion", allowed: ["type", "value", "not", "weight", "threshold", "tolerance", "target"])
        guard let typeNode = m["type"] else { throw fail(node, "an assertion has no `type`") }
        let typeName = try string(typeNode, "type")
        guard let kind = Assertion.Kind(rawValue: typeName) else {
            throw fail(typeNode, "unknown assertion type \"\(typeName)\"; use one of \(Assertion.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let valueNode = m["value"]
        let value = valueNode.map(json) ?? .null
        func need(_ ok: Bool, _ what: String) throws(EvalError) {
            if !ok { throw fail(valueNode ?? node, "`\(kind.rawValue)` needs `value:` \(what)") }
        }
        switch kind {
        case .routedTo:
            try need(value.stringValue.map(Self.agents.contains) ?? false, "an agent name (insight, planner, coach)")
        case .contains, .icontains, .similar, .llmRubric:
            try need(!(value.stringValue ?? "").isEmpty, "a non-empty string")
        case .regex:
            try need(value.stringValue != nil, "a regular expression")
            if let p = value.stringValue, (try? NSRegularExpression(pattern: p)) == nil {
                throw fail(valueNode, "`regex` value /\(p)/ is not a valid regular expression")
            }
        case .icontainsAny:
            try need(value.arrayValue.map { !$0.isEmpty && $0.allSatisfy { $0.stringValue != nil } } ?? false,
                     "a list of strings (quote numbers: \"190\")")
        case .notIcontains:
            let ok = value.stringValue != nil || (value.arrayValue.map { !$0.isEmpty && $0.allSatisfy { $0.stringValue != nil } } ?? false)
            try need(ok, "a string or a list of strings (quote numbers: \"190\")")
        case .jsonSchema:
            try need(value.objectValue != nil, "a JSON Schema object")
        case .maxLatencyMs:
            try need((value.numberValue ?? 0) > 0, "a positive number of milliseconds")
        case .grounded:
            break
        }
        var target = Assertion.Target.response
        if let t = m["target"] {
            let s = try string(t, "target")
            guard let v = Assertion.Target(rawValue: s) else { throw fail(t, "`target` \"\(s)\" is not reply, grounding or response") }
            target = v
        }
        let negate = try m["not"].map { n throws(EvalError) in
            guard let b = n.bool else { throw fail(n, "`not` must be true or false") }
            return b
        } ?? false
        let weight = try m["weight"].map { n throws(EvalError) in try number(n, "weight") } ?? 1
        if weight < 0 { throw fail(m["weight"], "`weight` must not be negative") }
        return Assertion(
            kind, value, negate: negate, weight: weight,
            threshold: try m["threshold"].map { n throws(EvalError) in try number(n, "threshold") },
            tolerance: try m["tolerance"].map { n throws(EvalError) in try number(n, "tolerance") },
            target: target, line: node.mark?.line ?? 0)
    }

    // MARK: - Node helpers

    private func mapping(_ node: Node, _ what: String, allowed: Set<String>) throws(EvalError) -> [String: Node] {
        guard case .mapping(let map) = node else { throw fail(node, "\(what) must be a mapping") }
        var out: [String: Node] = [:]
        for (k, v) in map {
            guard let key = k.string else { throw fail(k, "keys in \(what) must be strings") }
            guard allowed.contains(key) else {
                throw fail(k, "unknown key `\(key)` in \(what); allowed: \(allowed.sorted().joined(separator: ", "))")
            }
            out[key] = v
        }
        return out
    }

    private func string(_ node: Node, _ key: String) throws(EvalError) -> String {
        guard case .scalar(let s) = node else { throw fail(node, "`\(key)` must be a string") }
        return s.string
    }

    private func number(_ node: Node, _ key: String) throws(EvalError) -> Double {
        guard case .scalar = node, let n = node.float else { throw fail(node, "`\(key)` must be a number") }
        return n
    }

    private func fraction(_ node: Node, _ key: String) throws(EvalError) -> Double {
        let n = try number(node, key)
        guard (0...1).contains(n) else { throw fail(node, "`\(key)` is \(n); it must be between 0 and 1") }
        return n
    }

    private func agent(_ node: Node) throws(EvalError) -> String {
        let a = try string(node, "agent")
        guard Self.agents.contains(a) else { throw fail(node, "unknown agent \"\(a)\"; use auto, insight, planner or coach") }
        return a
    }

    /// A YAML node as JSON: plain scalars resolve to null, bool, int or float; quoted ones stay strings.
    func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let s):
            if s.style == .plain || s.style == .any {
                switch Tag.Name(rawValue: node.tag.rawValue) {
                case .null: return .null
                case .bool: if let b = node.bool { return .bool(b) }
                case .int: if let i = node.int { return .number(Double(i)) }
                case .float: if let f = node.float { return .number(f) }
                default: break
                }
            }
            return .string(s.string)
        case .mapping(let m):
            var o: [String: JSONValue] = [:]
            for (k, v) in m { o[k.string ?? ""] = json(v) }
            return .object(o)
        case .sequence(let seq):
            return .array(seq.map(json))
        case .alias:
            return .null
        }
    }
}
