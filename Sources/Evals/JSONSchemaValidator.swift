import Foundation

/// A validator for the JSON Schema subset the `json-schema` assertion needs:
/// `type` (one or a list), `enum`, `const`, `properties`, `required`, `additionalProperties`
/// (boolean or schema), `items`, `minItems`, `maxItems`, `minimum`, `maximum`, `minLength`,
/// `maxLength`, `pattern`, `allOf`, `anyOf`, `not`. Other keywords are ignored (as the
/// specification says of unknown keywords), so a schema never fails for using them.
public struct JSONSchemaValidator: Sendable {
    public let schema: JSONValue

    public init(schema: JSONValue) { self.schema = schema }

    /// The violations, each naming the JSON path (`$.exercises[0].sets`); empty when valid.
    public func validate(_ value: JSONValue) -> [String] {
        var problems: [String] = []
        check(value, against: schema, path: "$", into: &problems)
        return problems
    }

    private func check(_ v: JSONValue, against s: JSONValue, path: String, into p: inout [String]) {
        if case .bool(let b) = s { if !b { p.append("\(path) is not allowed") }; return }
        guard let s = s.objectValue else { return }

        if let t = s["type"] {
            let types = Assertion.strings(t)
            if !types.contains(where: { Self.has(v, type: $0) }) {
                p.append("\(path) should be \(types.joined(separator: " or ")), is \(Self.typeName(v))")
                return
            }
        }
        if let options = s["enum"]?.arrayValue, !options.contains(v) {
            p.append("\(path) should be one of \(JSONValue.array(options).jsonText), is \(v.jsonText)")
        }
        if let c = s["const"], c != v { p.append("\(path) should be \(c.jsonText), is \(v.jsonText)") }

        switch v {
        case .object(let o):
            for name in (s["required"]?.arrayValue ?? []).compactMap(\.stringValue) where o[name] == nil {
                p.append("\(path) is missing required \"\(name)\"")
            }
            let props = s["properties"]?.objectValue ?? [:]
            for (key, child) in o.sorted(by: { $0.key < $1.key }) {
                if let sub = props[key] {
                    check(child, against: sub, path: "\(path).\(key)", into: &p)
                } else if let extra = s["additionalProperties"] {
                    check(child, against: extra, path: "\(path).\(key)", into: &p)
                }
            }
        case .array(let a):
            if let min = s["minItems"]?.numberValue, Double(a.count) < min { p.append("\(path) has \(a.count) items, needs at least \(Int(min))") }
            if let max = s["maxItems"]?.numberValue, Double(a.count) > max { p.append("\(path) has \(a.count) items, allows at most \(Int(max))") }
            if let items = s["items"] {
                for (i, child) in a.enumerated() { check(child, against: items, path: "\(path)[\(i)]", into: &p) }
            }
        case .number(let n):
            if let min = s["minimum"]?.numberValue, n < min { p.append("\(path) is \(n), below the minimum \(min)") }
            if let max = s["maximum"]?.numberValue, n > max { p.append("\(path) is \(n), above the maximum \(max)") }
        case .string(let str):
            if let min = s["minLength"]?.numberValue, Double(str.count) < min { p.append("\(path) is shorter than \(Int(min)) characters") }
            if let max = s["maxLength"]?.numberValue, Double(str.count) > max { p.append("\(path) is longer than \(Int(max)) characters") }
            if let pattern = s["pattern"]?.stringValue {
                if let re = try? NSRegularExpression(pattern: pattern),
                   re.firstMatch(in: str, range: NSRange(str.startIndex..., in: str)) == nil {
                    p.append("\(path) does not match /\(pattern)/")
                }
            }
        default: break
        }

        for sub in s["allOf"]?.arrayValue ?? [] { check(v, against: sub, path: path, into: &p) }
        if let any = s["anyOf"]?.arrayValue {
            let ok = any.contains { sub in
                var inner: [String] = []
                check(v, against: sub, path: path, into: &inner)
                return inner.isEmpty
            }
            if !ok { p.append("\(path) matches none of anyOf") }
        }
        if let not = s["not"] {
            var inner: [String] = []
            check(v, against: not, path: path, into: &inner)
            if inner.isEmpty { p.append("\(path) matches a schema under `not`") }
        }
    }

    static func has(_ v: JSONValue, type: String) -> Bool {
        switch (type, v) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string),
             ("array", .array), ("object", .object): return true
        case ("integer", .number(let n)): return n == n.rounded()
        default: return false
        }
    }

    static func typeName(_ v: JSONValue) -> String {
        switch v {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
