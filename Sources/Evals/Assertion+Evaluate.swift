import Foundation

extension Assertion {
    /// Evaluates the assertion on `outcome`. `message` is the user's message (for the judge).
    ///
    /// The raw check yields pass or fail; `not: true` swaps them; a check whose service is not
    /// configured (no encoder for `similar`, no judge for `llm-rubric`) is skipped and does not
    /// count towards the case's weight.
    public func evaluate(
        _ outcome: CaseOutcome, message: String = "", services: AssertionServices = AssertionServices()
    ) async -> AssertionResult {
        let raw: (Bool?, String)
        do {
            raw = try await check(outcome, message: message, services: services)
        } catch {
            raw = (false, "\(kind.rawValue) could not be checked: \(error)")
        }
        guard let passed = raw.0 else {
            return AssertionResult(label: label, status: .skip, detail: raw.1, weight: weight, line: line)
        }
        let ok = negate ? !passed : passed
        let detail = negate ? "negated: \(raw.1)" : raw.1
        return AssertionResult(label: label, status: ok ? .pass : .fail, detail: detail, weight: weight, line: line)
    }

    /// The un-negated check: (`true`/`false`, or `nil` when skipped; a description of what was seen).
    private func check(_ o: CaseOutcome, message: String, services: AssertionServices) async throws -> (Bool?, String) {
        let reply = o.reply
        switch kind {
        case .routedTo:
            let want = value.stringValue ?? ""
            let got = o.agent ?? "(none)"
            return (got == want, "routed to \(got), expected \(want)")
        case .contains:
            let s = value.stringValue ?? ""
            return (reply.contains(s), reply.contains(s) ? "reply contains \"\(s)\"" : "reply does not contain \"\(s)\"")
        case .icontains:
            let s = value.stringValue ?? ""
            let hit = reply.range(of: s, options: .caseInsensitive) != nil
            return (hit, hit ? "reply contains \"\(s)\" (any case)" : "reply does not contain \"\(s)\" (any case)")
        case .icontainsAny:
            let words = Self.strings(value)
            let hits = words.filter { reply.range(of: $0, options: .caseInsensitive) != nil }
            return (!hits.isEmpty, hits.isEmpty
                ? "reply contains none of \(words.map { "\"\($0)\"" }.joined(separator: ", "))"
                : "reply contains \(hits.map { "\"\($0)\"" }.joined(separator: ", "))")
        case .notIcontains:
            let words = Self.strings(value)
            let hits = words.filter { reply.range(of: $0, options: .caseInsensitive) != nil }
            return (hits.isEmpty, hits.isEmpty
                ? "reply avoids \(words.map { "\"\($0)\"" }.joined(separator: ", "))"
                : "reply contains forbidden \(hits.map { "\"\($0)\"" }.joined(separator: ", "))")
        case .regex:
            let pattern = value.stringValue ?? ""
            let re = try NSRegularExpression(pattern: pattern)
            let hit = re.firstMatch(in: reply, range: NSRange(reply.startIndex..., in: reply)) != nil
            return (hit, hit ? "reply matches /\(pattern)/" : "reply does not match /\(pattern)/")
        case .jsonSchema:
            let subject: JSONValue?
            switch target {
            case .reply: subject = JSONValue.parse(Data(Self.stripFence(reply).utf8))
            case .grounding: subject = o.grounding
            case .response: subject = o.response
            }
            guard let subject else { return (false, "the \(target.rawValue) is not JSON") }
            let problems = JSONSchemaValidator(schema: value).validate(subject)
            return (problems.isEmpty, problems.isEmpty
                ? "\(target.rawValue) matches the schema"
                : "\(target.rawValue) violates the schema: " + problems.prefix(3).joined(separator: "; "))
        case .grounded:
            let problems = GroundingCheck(grounding: o.grounding ?? .null, tolerance: tolerance).problems(in: reply)
            return (problems.isEmpty, problems.isEmpty
                ? "every load and rep number in the reply agrees with the grounding"
                : problems.joined(separator: "; "))
        case .similar:
            guard let similarity = services.similarity else {
                return (nil, "skipped: no sentence encoder configured for `similar`")
            }
            let reference = value.stringValue ?? ""
            let min = threshold ?? 0.75
            let cos = try await similarity.similarity(reply, reference)
            return (cos >= min, String(format: "cosine %.3f to the reference (threshold %.2f)", cos, min))
        case .maxLatencyMs:
            let limit = value.numberValue ?? 0
            return (o.latencyMs <= limit, String(format: "took %.0f ms (limit %.0f ms)", o.latencyMs, limit))
        case .llmRubric:
            guard let judge = services.judge else {
                return (nil, "skipped: no judge configured for `llm-rubric` (set SPOTTER_JUDGE_BASE_URL and SPOTTER_JUDGE_MODEL)")
            }
            let min = threshold ?? 0.5
            let (score, reason) = try await judge.grade(message: message, reply: reply, rubric: value.stringValue ?? "")
            return (score >= min, String(format: "judge score %.2f (threshold %.2f): ", score, min) + reason)
        }
    }

    /// A string or a list of strings, as a list.
    static func strings(_ v: JSONValue) -> [String] {
        switch v {
        case .string(let s): return [s]
        case .array(let a): return a.compactMap(\.stringValue)
        default: return []
        }
    }

    /// Removes a Markdown code fence around JSON (```json ... ```), which small models add.
    static func stripFence(_ text: String) -> String {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard t.hasPrefix("```") else { return t }
        if let nl = t.firstIndex(of: "\n") { t = String(t[t.index(after: nl)...]) }
        if t.hasSuffix("```") { t = String(t.dropLast(3)) }
        return t.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
