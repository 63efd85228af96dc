/// The unit a user reads and writes weights in. Weights are stored in kilograms; conversion
/// happens at the edge (API and CLI) with `toKilograms(_:)` and `fromKilograms(_:)`.
public enum WeightUnit: String, Codable, Sendable, CaseIterable {
    case kg
    case lb

    /// Kilograms per pound (exact, by definition of the international pound).
    public static let kilogramsPerPound = 0.45359237

    /// Converts a weight given in this unit to kilograms.
    public func toKilograms(_ value: Double) -> Double {
        switch self {
        case .kg: value
        case .lb: value * Self.kilogramsPerPound
        }
    }

    /// Converts a weight in kilograms to this unit.
    public func fromKilograms(_ kilograms: Double) -> Double {
        switch self {
        case .kg: kilograms
        case .lb: kilograms / Self.kilogramsPerPound
        }
    }
}
