import Foundation

/// The JSON a vision model is asked to return, validated field by field.
///
/// Wire shape (the assistant message's `content`, a JSON string):
/// `{"raw_text": "...", "entries": [{"content": "...", "exercise": "...", "sets": 3 | null,
///   "reps": 8 | "8-12" | null, "weight": 80 | null, "unit": "kg" | "lb" | null, "rpe": 8 | null,
///   "rir": 2 | null, "rest_seconds": 90 | null, "group": "A" | null, "notes": "..." | null}]}`
struct VisionReply: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var content: String
        var exercise: String
        var sets: Int?
        var reps: Reps?
        var weight: Double?
        var unit: WeightUnit?
        var rpe: Double?
        var rir: Int?
        var restSeconds: Int?
        var group: String?
        var notes: String?
    }

    var rawText: String
    var entries: [Entry]

    /// JSON Schema sent as `response_format.json_schema.schema`.
    static var schema: [String: Any] {
        func nullable(_ type: String) -> [String: Any] { ["type": [type, "null"]] }
        let entry: [String: Any] = [
            "type": "object", "additionalProperties": false,
            "required": ["content", "exercise", "sets", "reps", "weight", "unit", "rpe", "rir", "rest_seconds", "group", "notes"],
            "properties": [
                "content": ["type": "string"], "exercise": ["type": "string"],
                "sets": nullable("integer"), "reps": ["type": ["integer", "string", "null"]],
                "weight": nullable("number"), "unit": ["type": ["string", "null"], "enum": ["kg", "lb", NSNull()]],
                "rpe": nullable("number"), "rir": nullable("integer"), "rest_seconds": nullable("integer"),
                "group": nullable("string"), "notes": nullable("string"),
            ] as [String: Any],
        ]
        return ["type": "object", "additionalProperties": false, "required": ["raw_text", "entries"],
                "properties": ["raw_text": ["type": "string"], "entries": ["type": "array", "items": entry]] as [String: Any]]
    }

    /// Extracts `choices[0].message.content` from a chat completion and validates it.
    static func fromCompletion(_ body: Data) throws -> VisionReply {
        guard let root = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let choices = root["choices"] as? [[String: Any]], let message = choices.first?["message"] as? [String: Any],
              let content = message["content"] as? String else {
            throw TrackerError.upstreamInvalid("the vision model's reply is not a chat completion (no choices[0].message.content)")
        }
        var text = content.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("```") {  // some servers wrap JSON in a code fence despite response_format
            text = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
            if let fence = text.range(of: "```", options: .backwards) { text = String(text[..<fence.lowerBound]) }
        }
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else {
            throw TrackerError.upstreamInvalid("the vision model's answer is not valid JSON; check that the server supports response_format json_schema")
        }
        return try validate(json)
    }

    /// Checks types and ranges; any violation rejects the whole reply (502).
    static func validate(_ json: Any) throws -> VisionReply {
        func violation(_ what: String) -> TrackerError {
            TrackerError.upstreamInvalid("the vision model's JSON violates the tracker schema: \(what)")
        }
        guard let root = json as? [String: Any] else { throw violation("the top level is not an object") }
        guard let list = root["entries"] as? [Any] else { throw violation("'entries' is missing or not an array") }
        let raw = root["raw_text"]
        guard raw == nil || raw is NSNull || raw is String else { throw violation("'raw_text' is not a string") }
        var entries: [Entry] = []
        for (i, item) in list.enumerated() {
            guard let e = item as? [String: Any] else { throw violation("entries[\(i)] is not an object") }
            var f = FieldReader(object: e, path: "entries[\(i)]", violation: violation)
            let entry = Entry(
                content: try f.string("content", required: true)!,
                exercise: try f.string("exercise", required: true)!,
                sets: try f.int("sets", 1...100), reps: try f.reps("reps"),
                weight: try f.number("weight", 0...2000), unit: try f.unit("unit"),
                rpe: try f.number("rpe", 1...10), rir: try f.int("rir", 0...10),
                restSeconds: try f.int("rest_seconds", 0...3600),
                group: try f.string("group"), notes: try f.string("notes"))
            guard !entry.exercise.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw violation("entries[\(i)].exercise is empty")
            }
            entries.append(entry)
        }
        return VisionReply(rawText: raw as? String ?? entries.map(\.content).joined(separator: "\n"), entries: entries)
    }
}

/// Typed, range-checked access to one JSON object's fields.
private struct FieldReader {
    let object: [String: Any]
    let path: String
    let violation: (String) -> TrackerError

    private func value(_ key: String) -> Any? {
        guard let v = object[key], !(v is NSNull) else { return nil }
        return v
    }

    func string(_ key: String, required: Bool = false) throws -> String? {
        guard let v = value(key) else {
            if required { throw violation("\(path).\(key) is missing") }
            return nil
        }
        guard let s = v as? String else { throw violation("\(path).\(key) is not a string") }
        return s
    }

    func number(_ key: String, _ range: ClosedRange<Double>) throws -> Double? {
        guard let v = value(key) else { return nil }
        guard !(v is String), let n = v as? NSNumber else {
            throw violation("\(path).\(key) is \(v); expected a number")
        }
        let d = n.doubleValue
        guard range.contains(d) else { throw violation("\(path).\(key) is \(d); expected \(range.lowerBound)–\(range.upperBound)") }
        return d
    }

    func int(_ key: String, _ range: ClosedRange<Int>) throws -> Int? {
        guard let d = try number(key, Double(range.lowerBound)...Double(range.upperBound)) else { return nil }
        guard d == d.rounded() else { throw violation("\(path).\(key) is \(d); expected an integer") }
        return Int(d)
    }

    func reps(_ key: String) throws -> Reps? {
        guard let v = value(key) else { return nil }
        if v is NSNumber, let n = try int(key, 1...1000) { return .exact(n) }
        if let s = v as? String {
            let parts = s.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 1, let n = parts[0], (1...1000).contains(n) { return .exact(n) }
            if parts.count == 2, let lo = parts[0], let hi = parts[1], 1 <= lo, lo <= hi, hi <= 1000 { return .range(min: lo, max: hi) }
        }
        throw violation("\(path).\(key) is \(v); expected an integer or a range like \"8-12\"")
    }

    func unit(_ key: String) throws -> WeightUnit? {
        guard let s = try string(key) else { return nil }
        switch s.lowercased() {
        case "kg", "kgs": return .kg
        case "lb", "lbs": return .lb
        default: throw violation("\(path).\(key) is \"\(s)\"; expected kg or lb")
        }
    }
}
