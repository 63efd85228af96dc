/// Training experience, ordered (beginner < intermediate < expert). One word, two spellings:
///
/// - profiles (the socket API, the database, the CLI): `beginner`, `intermediate`, `advanced`;
/// - the knowledge base and free-exercise-db's `level`: `beginner`, `intermediate`, `expert`.
///
/// `init?(name:)` reads either (and `novice`); `Codable` reads either and writes the profile
/// spelling. The raw value (0, 1, 2) is the level the next-workout model reads as level/2.
public enum ExperienceLevel: Int, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case beginner = 0, intermediate = 1, expert = 2

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// Parses any spelling, case-insensitive: beginner/novice, intermediate, advanced/expert.
    public init?(name: String) {
        switch name.lowercased() {
        case "beginner", "novice": self = .beginner
        case "intermediate": self = .intermediate
        case "advanced", "expert": self = .expert
        default: return nil
        }
    }

    /// Parses the knowledge base's spelling only (`beginner|intermediate|expert`), for its files.
    public init?(catalogName: String) {
        guard let level = Self.allCases.first(where: { $0.catalogName == catalogName }) else { return nil }
        self = level
    }

    /// The profile spelling: `beginner`, `intermediate`, `advanced`.
    public var profileName: String { self == .expert ? "advanced" : catalogName }

    /// The knowledge base's spelling: `beginner`, `intermediate`, `expert`.
    public var catalogName: String { ["beginner", "intermediate", "expert"][rawValue] }

    public init(from decoder: any Decoder) throws {
        self = try decodeSpelled(decoder, Self.init(name:), allowed: Self.allCases.map(\.profileName))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(profileName)
    }
}

/// Decodes a string in any of a word's spellings, naming the allowed ones when it is none.
func decodeSpelled<T>(_ decoder: any Decoder, _ parse: (String) -> T?, allowed: [String]) throws -> T {
    let c = try decoder.singleValueContainer()
    let text = try c.decode(String.self)
    guard let value = parse(text) else {
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text.prefix(40))' is not one of \(allowed.joined(separator: ", "))")
    }
    return value
}
