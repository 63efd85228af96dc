import Foundation

/// Any JSON value, for rendering daemon responses without mirroring every wire type.
enum JSONValue: Decodable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    subscript(key: String) -> JSONValue {
        if case .object(let o) = self { return o[key] ?? .null }
        return .null
    }

    var array: [JSONValue] { if case .array(let a) = self { a } else { [] } }

    /// A short human rendering: numbers without trailing `.0`, strings bare, `-` for null.
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

    var isNull: Bool { if case .null = self { true } else { false } }
}
