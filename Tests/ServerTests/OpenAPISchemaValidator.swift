import Foundation

/// A small JSON Schema checker for the subset `openapi.yaml` uses (`type` incl. type lists,
/// `required`, `properties`, `additionalProperties`, `items`, `enum`, `minimum`/`maximum`,
/// `allOf`, `oneOf`, `$ref` into the document), enough to tell a response that breaks the
/// contract. Errors name the JSON path.
/// `@unchecked Sendable`: the parsed document is never mutated after `init`.
struct OpenAPISchemaValidator: @unchecked Sendable {
    let document: [String: Any]

    init(json: Data) throws {
        document = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
    }

    /// The schema of `status`'s JSON response of `method path` (path as written in the document).
    func responseSchema(_ method: String, _ path: String, status: Int) -> [String: Any]? {
        let paths = document["paths"] as? [String: Any]
        let operation = (paths?[path] as? [String: Any])?[method.lowercased()] as? [String: Any]
        guard var response = (operation?["responses"] as? [String: Any])?[String(status)] as? [String: Any] else { return nil }
        if let ref = response["$ref"] as? String { response = resolve(ref) }
        let content = response["content"] as? [String: Any]
        return (content?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }

    func resolve(_ ref: String) -> [String: Any] {
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] ?? [:] }
        return node as? [String: Any] ?? [:]
    }

    /// Problems of `value` against `schema`; empty when it conforms.
    func problems(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String { return problems(value, resolve(ref), at: path) }
        var out: [String] = []
        for sub in schema["allOf"] as? [[String: Any]] ?? [] { out += problems(value, sub, at: path) }
        if let options = schema["oneOf"] as? [[String: Any]] {
            let passing = options.filter { problems(value, $0, at: path).isEmpty }.count
            if passing != 1 { out.append("\(path): matches \(passing) of the oneOf schemas") }
        }
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [type as? String ?? ""]
            guard types.contains(where: { Self.isType(value, $0) }) else { return out + ["\(path): \(value) is not \(types)"] }
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { "\($0)" == "\(value)" }) {
            out.append("\(path): \(value) is not one of \(allowed)")
        }
        if let number = value as? Double, !(value is Bool) {
            if let min = schema["minimum"] as? Double, number < min { out.append("\(path): \(number) < \(min)") }
            if let max = schema["maximum"] as? Double, number > max { out.append("\(path): \(number) > \(max)") }
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { out.append("\(path).\(key) is required") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, child) in object {
                if let sub = properties[key] as? [String: Any] {
                    out += problems(child, sub, at: "\(path).\(key)")
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    out += problems(child, extra, at: "\(path).\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    out.append("\(path).\(key) is not allowed")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, element) in array.enumerated() { out += problems(element, items, at: "\(path)[\(i)]") }
        }
        return out
    }

    static func isType(_ value: Any, _ type: String) -> Bool {
        // JSONSerialization gives booleans as NSNumber too; their ObjC type is "c".
        let isBool = (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return isBool
        case "integer": return !isBool && (value as? NSNumber).map { $0.doubleValue.rounded() == $0.doubleValue } ?? false
        case "number": return !isBool && value is NSNumber
        case "null": return value is NSNull
        default: return false
        }
    }
}
