/// Rounds loads to what a lifter can actually put on the bar.
public struct PlateRounding: Sendable, Hashable {
    /// The unit the plates are in.
    public var unit: WeightUnit
    /// The smallest total-load increment in `unit` (e.g. 1.25 kg or 2.5 lb).
    public var step: Double

    /// - Parameters:
    ///   - unit: the user's unit.
    ///   - step: smallest increment in that unit; `nil` takes the unit's default (1.25 kg / 2.5 lb).
    public init(unit: WeightUnit, step: Double? = nil) {
        self.unit = unit
        let s = step ?? unit.defaultPlateStep
        self.step = s > 0 ? s : unit.defaultPlateStep
    }

    /// Rounds a load given in kilograms to the nearest step, returned in the user's unit.
    ///
    /// `PlateRounding(unit: .lb).round(kilograms: 100)` is 220.0 (220.46 lb → nearest 2.5 lb).
    public func round(kilograms: Double) -> Double {
        let value = unit.fromKilograms(kilograms)
        let rounded = (value / step).rounded() * step
        return (rounded * 1000).rounded() / 1000
    }

    /// Rounds down (never up): for deloads and caps where overshooting would be wrong.
    public func roundDown(kilograms: Double) -> Double {
        let value = unit.fromKilograms(kilograms)
        return ((value / step + 1e-9).rounded(.down) * step * 1000).rounded() / 1000
    }
}
