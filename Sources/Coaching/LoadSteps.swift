import Foundation

/// The lifter's usual load step across all their exercises, per the grid a load lives on: the
/// fallback step for an exercise they have not added load on yet (`OverloadRules` prefers the
/// exercise's own last step).
///
/// A load lives on the plate/stack grid when it is a multiple of 2.5 kg, on the dumbbell grid when
/// it is a multiple of 2 kg but not of 2.5 kg, else on no known grid. The step for a grid is the
/// most common increase this lifter took from loads on that grid (ties: the smaller step), once
/// they took at least `minimumCount` of them; else the most common increase over every grid; else
/// none. Increases are consecutive sessions of one exercise whose top set went up (by more than 1%
/// and 0.5 kg) by at most 25% (a bigger jump is a change of variant, not a step).
///
/// Chosen on the first half of the shared Hevy export (`spotter bench replay` reports the second
/// half with it): the grid split (beside one step for every load, the step near the load, and the
/// median or smallest step) and `minimumCount` 3.
public struct LoadSteps: Sendable, Hashable {
    /// The grid a load lives on.
    public enum Grid: String, Sendable, Hashable, CaseIterable {
        /// Multiples of 2.5 kg (barbell plates, most machine stacks).
        case plates
        /// Multiples of 2 kg that are not multiples of 2.5 kg (fixed dumbbells).
        case dumbbells
        /// Anything else.
        case other

        /// The grid `kilograms` lives on.
        public init(kilograms kg: Double) {
            func on(_ g: Double) -> Bool { abs(kg / g - (kg / g).rounded()) < 1e-6 }
            self = on(2.5) ? .plates : on(2) ? .dumbbells : .other
        }
    }

    /// The usual step per grid (only grids with at least `minimumCount` increases).
    public var byGrid: [Grid: Double]
    /// The usual step over every grid (nil below `minimumCount` increases).
    public var overall: Double?

    public init(byGrid: [Grid: Double] = [:], overall: Double? = nil) { self.byGrid = byGrid; self.overall = overall }

    /// Learns the steps from past load changes (`from` → `to` kg, each one session of one exercise
    /// to the next); changes that are not increases of at most 25% are ignored.
    public init(changes: [(from: Double, to: Double)], minimumCount: Int = 3) {
        var all: [Double] = [], perGrid: [Grid: [Double]] = [:]
        for (a, b) in changes where a > 0 && b - a <= 0.25 * a && OverloadReplay.direction(from: a, to: b) == .up {
            let step = ((b - a) * 100).rounded() / 100
            all.append(step); perGrid[Grid(kilograms: a), default: []].append(step)
        }
        byGrid = perGrid.compactMapValues { $0.count >= minimumCount ? Self.mostCommon($0) : nil }
        overall = all.count >= minimumCount ? Self.mostCommon(all) : nil
    }

    /// The usual step from a load of `kilograms`, nil when the lifter has too few increases.
    public func step(fromKg kilograms: Double) -> Double? { byGrid[Grid(kilograms: kilograms)] ?? overall }

    /// The steps in words ("plates 2.5 kg, dumbbells 2 kg, any load 2 kg").
    public var summary: String {
        var parts: [String] = []
        for g in Grid.allCases { if let s = byGrid[g] { parts.append("\(g.rawValue) \(format(s)) kg") } }
        if let o = overall { parts.append("any load \(format(o)) kg") }
        return parts.joined(separator: ", ")
    }

    /// The most common value, the smaller on a tie.
    static func mostCommon(_ v: [Double]) -> Double? {
        var count: [Double: Int] = [:]
        for x in v { count[x, default: 0] += 1 }
        return count.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }
}
