import Foundation

/// A validating view of one YAML mapping, used by the knowledge loaders so that every error
/// names the file and the full field path (`exercises[3].primary_muscles[0]`).
struct YAMLFields {
    let file: String
    let path: String
    let mapping: [String: Any]

    init(file: String, path: String, node: Any?) throws {
        self.file = file
        self.path = path
        guard let dict = node as? [String: Any] else {
            throw KnowledgeError(.invalidData, file: file, field: path.isEmpty ? nil : path,
                                 "expected a mapping of field: value")
        }
        self.mapping = dict
    }

    func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func fail(_ key: String, _ message: String) -> KnowledgeError {
        KnowledgeError(.invalidData, file: file, field: field(key), message)
    }

    /// Rejects keys outside `allowed` (catches typos such as `primary_muscle`).
    func rejectUnknownKeys(_ allowed: Set<String>) throws {
        for key in mapping.keys.sorted() where !allowed.contains(key) {
            throw fail(key, "unknown field; allowed fields are \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func string(_ key: String) throws -> String {
        guard let raw = mapping[key] else { throw fail(key, "required field is missing") }
        guard let s = Self.scalarString(raw), !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw fail(key, "expected a non-empty text")
        }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func optionalString(_ key: String) throws -> String? {
        mapping[key] == nil ? nil : try string(key)
    }

    func int(_ key: String, range: ClosedRange<Int>) throws -> Int {
        guard let raw = mapping[key] else { throw fail(key, "required field is missing") }
        guard let n = raw as? Int else { throw fail(key, "expected a whole number") }
        guard range.contains(n) else {
            throw fail(key, "\(n) is out of range; expected \(range.lowerBound)...\(range.upperBound)")
        }
        return n
    }

    /// A list of texts; `minCount` > 0 makes the field required.
    func strings(_ key: String, minCount: Int = 0) throws -> [String] {
        guard let raw = mapping[key] else {
            if minCount == 0 { return [] }
            throw fail(key, "required field is missing; give at least \(minCount) entr\(minCount == 1 ? "y" : "ies")")
        }
        guard let list = raw as? [Any] else { throw fail(key, "expected a list") }
        guard list.count >= minCount else { throw fail(key, "expected at least \(minCount) entries, found \(list.count)") }
        return try list.enumerated().map { i, item in
            guard let s = Self.scalarString(item), !s.isEmpty else {
                throw KnowledgeError(.invalidData, file: file, field: "\(field(key))[\(i)]", "expected a non-empty text")
            }
            return s.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    func value<E: RawRepresentable & CaseIterable>(_ key: String, as _: E.Type) throws -> E where E.RawValue == String {
        let s = try string(key)
        guard let e = E(rawValue: s) else {
            throw fail(key, "'\(s)' is not allowed; use one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return e
    }

    func optionalValue<E: RawRepresentable & CaseIterable>(_ key: String, as t: E.Type) throws -> E? where E.RawValue == String {
        mapping[key] == nil || mapping[key] is NSNull ? nil : try value(key, as: t)
    }

    /// A word of the shared vocabulary in any of its spellings; errors list the `allowed` ones.
    func term<T>(_ key: String, _ parse: (String) -> T?, allowed: [String]) throws -> T {
        let s = try string(key)
        guard let value = parse(s) else { throw fail(key, "'\(s)' is not allowed; use one of: \(allowed.joined(separator: ", "))") }
        return value
    }

    /// A list of vocabulary words (see `term`).
    func terms<T>(_ key: String, _ parse: (String) -> T?, allowed: [String], minCount: Int = 0) throws -> [T] {
        try strings(key, minCount: minCount).enumerated().map { i, s in
            guard let value = parse(s) else {
                throw KnowledgeError(.invalidData, file: file, field: "\(field(key))[\(i)]",
                                     "'\(s)' is not allowed; use one of: \(allowed.joined(separator: ", "))")
            }
            return value
        }
    }

    func enumValues<E: RawRepresentable & CaseIterable>(_ key: String, as _: E.Type, minCount: Int = 0) throws -> [E] where E.RawValue == String {
        try strings(key, minCount: minCount).enumerated().map { i, s in
            guard let e = E(rawValue: s) else {
                throw KnowledgeError(.invalidData, file: file, field: "\(field(key))[\(i)]",
                                     "'\(s)' is not allowed; use one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return e
        }
    }

    /// A list of mappings, each returned as its own `YAMLFields` with an indexed path.
    func objects(_ key: String, minCount: Int = 0) throws -> [YAMLFields] {
        guard let raw = mapping[key] else {
            if minCount == 0 { return [] }
            throw fail(key, "required field is missing")
        }
        guard let list = raw as? [Any] else { throw fail(key, "expected a list of mappings") }
        guard list.count >= minCount else { throw fail(key, "expected at least \(minCount) entries, found \(list.count)") }
        return try list.enumerated().map { i, item in
            try YAMLFields(file: file, path: "\(field(key))[\(i)]", node: item)
        }
    }

    private static func scalarString(_ raw: Any) -> String? {
        switch raw {
        case let s as String: s
        case let i as Int: String(i)
        case let d as Double: String(d)
        default: nil
        }
    }
}
