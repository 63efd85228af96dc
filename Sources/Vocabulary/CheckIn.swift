import Foundation

/// A daily check-in: how the user slept and feels on one UTC calendar day. The one definition:
/// the store keeps it (a second check-in for the same day replaces the first) and the grounding
/// models read it, counting it at `date`, the day's 00:00 UTC.
///
/// Wire spelling (`POST /v1/users/{user}/checkins`, `Wire.CheckinWire`): `day` (`YYYY-MM-DD`),
/// `sleep_hours`, `soreness`, `energy`, `stress` (0–10), `notes`.
public struct CheckIn: Sendable, Hashable, Codable {
    public var day: UTCDay
    public var sleepHours: Double?
    /// Muscle soreness 0 (none) – 10 (severe).
    public var soreness: Int?
    /// Energy 0 (exhausted) – 10 (great); 2 or less counts as feeling fatigued.
    public var energy: Int?
    /// Stress 0 (calm) – 10 (overwhelmed).
    public var stress: Int?
    public var notes: String?
    public var recordedAt: Date

    public init(day: UTCDay, sleepHours: Double? = nil, soreness: Int? = nil, energy: Int? = nil,
                stress: Int? = nil, notes: String? = nil, recordedAt: Date = Date()) {
        self.day = day
        self.sleepHours = sleepHours
        self.soreness = soreness
        self.energy = energy
        self.stress = stress
        self.notes = notes
        self.recordedAt = recordedAt
    }

    /// A check-in for the UTC day that holds `date`.
    public init(date: Date, sleepHours: Double? = nil, soreness: Int? = nil, energy: Int? = nil,
                stress: Int? = nil, notes: String? = nil, recordedAt: Date = Date()) {
        self.init(day: UTCDay(date), sleepHours: sleepHours, soreness: soreness, energy: energy,
                  stress: stress, notes: notes, recordedAt: recordedAt)
    }

    /// When the models count it: the start of `day` (00:00 UTC).
    public var date: Date { day.start }
}
