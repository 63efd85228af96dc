import Foundation

/// What the user trains for. One word, three spellings:
///
/// - profiles (the socket API, the database, the CLI): `strength`, `hypertrophy`, `endurance`,
///   `fat_loss`, `general`;
/// - the knowledge base's program templates: `fat-loss`, `general-fitness` for the last two;
/// - the raw value, which the Coaching models put into their texts: `weight_loss`, `general_fitness`.
///
/// `init?(name:)` reads any of them; `Codable` reads any and writes the profile spelling.
public enum TrainingGoal: String, Sendable, Hashable, CaseIterable, Codable {
    case strength, hypertrophy, weightLoss = "weight_loss", endurance, generalFitness = "general_fitness"

    /// Parses any spelling, case-insensitive.
    public init?(name: String) {
        let key = name.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        switch key {
        case "fat_loss", "weight_loss": self = .weightLoss
        case "general", "general_fitness": self = .generalFitness
        default:
            guard let goal = TrainingGoal(rawValue: key) else { return nil }
            self = goal
        }
    }

    /// Parses the knowledge base's spelling only (`fat-loss`, `general-fitness`, ...), for its files.
    public init?(catalogName: String) {
        guard let goal = Self.allCases.first(where: { $0.catalogName == catalogName }) else { return nil }
        self = goal
    }

    /// The profile spelling: `strength`, `hypertrophy`, `endurance`, `fat_loss`, `general`.
    public var profileName: String {
        switch self {
        case .weightLoss: "fat_loss"
        case .generalFitness: "general"
        default: rawValue
        }
    }

    /// The knowledge base's spelling: `strength`, `hypertrophy`, `endurance`, `fat-loss`, `general-fitness`.
    public var catalogName: String {
        switch self {
        case .weightLoss: "fat-loss"
        case .generalFitness: "general-fitness"
        default: rawValue
        }
    }

    public init(from decoder: any Decoder) throws {
        self = try decodeSpelled(decoder, Self.init(name:), allowed: Self.allCases.map(\.profileName))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(profileName)
    }
}
