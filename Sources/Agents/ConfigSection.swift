/// A mapping from a YAML file being validated: typed getters whose errors name the file, the
/// full key path and the problem (`agents.yaml: agents.coach.temperature: 2.5 is out of range ...`).
struct ConfigSection {
    let file: String
    let path: String
    let values: [String: Any]

    init(file: String, path: String, value: Any?) throws {
        self.file = file
        self.path = path
        guard let map = value as? [String: Any] else {
            throw AgentsError.config(file, path.isEmpty ? "(top level)" : path,
                                     value == nil ? "is missing; add this section" : "must be a mapping of keys to values")
        }
        values = map
    }

    func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    /// Rejects keys not in `allowed` (a typo would otherwise be silently ignored).
    func rejectUnknownKeys(_ allowed: Set<String>) throws {
        for name in values.keys.sorted() where !allowed.contains(name) {
            throw AgentsError.config(file, key(name),
                                     "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func section(_ name: String) throws -> ConfigSection {
        try ConfigSection(file: file, path: key(name), value: values[name])
    }

    func optionalSection(_ name: String) throws -> ConfigSection? {
        values[name] == nil ? nil : try section(name)
    }

    func string(_ name: String) throws -> String {
        guard let value = values[name] else { throw AgentsError.config(file, key(name), "is missing") }
        guard let text = value as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw AgentsError.config(file, key(name), "must be a non-empty string")
        }
        return text
    }

    func optionalString(_ name: String) throws -> String? {
        values[name] == nil ? nil : try string(name)
    }

    func double(_ name: String, default fallback: Double? = nil, in range: ClosedRange<Double>) throws -> Double {
        guard let raw = values[name] else {
            if let fallback { return fallback }
            throw AgentsError.config(file, key(name), "is missing; use a number between \(range.lowerBound) and \(range.upperBound)")
        }
        let number: Double
        switch raw {
        case let d as Double: number = d
        case let i as Int: number = Double(i)
        default: throw AgentsError.config(file, key(name), "must be a number, not \"\(raw)\"")
        }
        guard range.contains(number) else {
            throw AgentsError.config(file, key(name),
                                     "\(number) is out of range; use a number between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    func int(_ name: String, default fallback: Int? = nil, in range: ClosedRange<Int>) throws -> Int {
        guard let raw = values[name] else {
            if let fallback { return fallback }
            throw AgentsError.config(file, key(name), "is missing; use a whole number between \(range.lowerBound) and \(range.upperBound)")
        }
        guard let number = raw as? Int else {
            throw AgentsError.config(file, key(name), "must be a whole number, not \"\(raw)\"")
        }
        guard range.contains(number) else {
            throw AgentsError.config(file, key(name),
                                     "\(number) is out of range; use a whole number between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    func bool(_ name: String, default fallback: Bool) throws -> Bool {
        guard let raw = values[name] else { return fallback }
        guard let flag = raw as? Bool else { throw AgentsError.config(file, key(name), "must be true or false") }
        return flag
    }

    func stringList(_ name: String, required: Bool = false) throws -> [String] {
        guard let raw = values[name] else {
            if required { throw AgentsError.config(file, key(name), "is missing; add a list of strings") }
            return []
        }
        guard let list = raw as? [Any] else { throw AgentsError.config(file, key(name), "must be a list of strings") }
        return try list.enumerated().map { index, item in
            guard let text = item as? String, !text.isEmpty else {
                throw AgentsError.config(file, "\(key(name))[\(index)]", "must be a non-empty string")
            }
            return text
        }
    }
}
