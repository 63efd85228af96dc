/// The unit a user reads and writes weights in. Weights are stored and computed in kilograms;
/// conversion happens at the edges with `toKilograms(_:)` and `fromKilograms(_:)`.
///
/// Wire spelling (profiles, workouts, grounding facts): `kg`, `lb`.
public enum WeightUnit: String, Codable, Sendable, Hashable, CaseIterable {
    case kg
    case lb

    /// Kilograms per pound (exact, by definition of the international pound).
    public static let kilogramsPerPound = 0.45359237

    /// The default smallest load increment in this unit: 1.25 kg or 2.5 lb.
    public var defaultPlateStep: Double { self == .kg ? 1.25 : 2.5 }

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
