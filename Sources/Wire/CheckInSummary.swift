/// The user's last check-in as the chat response reports it (`grounding.last_check_in`):
/// `{"date": "YYYY-MM-DD", "sleep_hours", "soreness", "energy", "stress"}`.
public struct CheckInSummary: Sendable, Equatable, Codable {
    public var date: String
    public var sleepHours: Double?
    /// 0...10.
    public var soreness: Double?
    public var energy: Double?
    public var stress: Double?

    enum CodingKeys: String, CodingKey {
        case date, soreness, energy, stress
        case sleepHours = "sleep_hours"
    }

    public init(date: String, sleepHours: Double? = nil, soreness: Double? = nil, energy: Double? = nil, stress: Double? = nil) {
        self.date = date
        self.sleepHours = sleepHours
        self.soreness = soreness
        self.energy = energy
        self.stress = stress
    }
}
