import Foundation

/// A daily check-in: how the user slept and feels. `day` is the calendar day it describes,
/// `YYYY-MM-DD`; a second check-in for the same day replaces the first.
public struct Checkin: Sendable, Equatable, Codable {
    public var day: String
    public var sleepHours: Double?
    /// Muscle soreness 0 (none) – 10 (severe).
    public var soreness: Int?
    /// Energy 0 (exhausted) – 10 (great).
    public var energy: Int?
    /// Stress 0 (calm) – 10 (overwhelmed).
    public var stress: Int?
    public var notes: String?
    public var recordedAt: Date

    public init(day: String, sleepHours: Double? = nil, soreness: Int? = nil, energy: Int? = nil,
                stress: Int? = nil, notes: String? = nil, recordedAt: Date = Date()) {
        self.day = day
        self.sleepHours = sleepHours
        self.soreness = soreness
        self.energy = energy
        self.stress = stress
        self.notes = notes
        self.recordedAt = recordedAt
    }

    /// Checks ranges; throws `StoreError` naming the offending field.
    public func validate() throws(StoreError) {
        let parts = day.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
              let m = Int(parts[1]), (1...12).contains(m), let d = Int(parts[2]), (1...31).contains(d)
        else { throw .invalid("day", "day '\(day.prefix(40))' must be a date like 2025-09-15") }
        if let sleepHours, !(sleepHours >= 0 && sleepHours <= 24) { throw .invalid("sleep_hours", "sleep_hours \(sleepHours) is outside 0–24") }
        for (name, value) in [("soreness", soreness), ("energy", energy), ("stress", stress)] {
            if let value, !(0...10).contains(value) { throw .invalid(name, "\(name) \(value) is outside 0–10") }
        }
    }
}
