import Wire

/// Short human renderings of daemon answers for the CLI: numbers without a trailing `.0`,
/// strings bare, `-` for null or missing, lists joined with commas.
extension JSONValue {
    var text: String {
        switch self {
        case .null: "-"
        case .bool(let b): b ? "yes" : "no"
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .string(let s): s
        case .array(let a): a.map(\.text).joined(separator: ", ")
        case .object: "{…}"
        }
    }

    /// The elements, or empty when this is not an array.
    var array: [JSONValue] { arrayValue ?? [] }

    var isNull: Bool { if case .null = self { true } else { false } }
}

/// A missing field reads like `null`, so renderers can chain lookups: `h["database"]["location"].text`.
extension Optional where Wrapped == JSONValue {
    subscript(key: String) -> JSONValue? { self?[key] }
    var text: String { self?.text ?? "-" }
    var array: [JSONValue] { self?.array ?? [] }
    var isNull: Bool { self?.isNull ?? true }
}
