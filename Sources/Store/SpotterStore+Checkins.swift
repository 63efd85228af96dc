import Foundation
import GRDB

extension SpotterStore {
    /// Records a daily check-in; a second one for the same day replaces the first.
    @discardableResult
    public func saveCheckin(_ checkin: CheckIn, user: String) async throws -> CheckIn {
        try checkin.validate()
        return try await writer.write { db in
            _ = try Self.requireUser(db, id: user)
            try db.execute(sql: """
                INSERT OR REPLACE INTO checkins (user_id, day, sleep_hours, soreness, energy, stress, notes, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [user, checkin.day.text, checkin.sleepHours, checkin.soreness, checkin.energy,
                                 checkin.stress, checkin.notes, checkin.recordedAt.timeIntervalSince1970])
            return checkin
        }
    }

    /// The check-in for the most recent day, or `nil` if the user never checked in.
    public func latestCheckin(user: String) async throws -> CheckIn? {
        try await recentCheckins(user: user, limit: 1).first
    }

    /// The user's check-ins, most recent day first.
    public func recentCheckins(user: String, limit: Int = 30) async throws -> [CheckIn] {
        try await writer.read { db in try Self.fetchCheckins(db, user: user, limit: limit) }
    }

    /// The user's check-ins, most recent day first; `limit` is clamped to 1–1000. A row whose day
    /// is not a calendar day (written before days were checked as dates) is left out.
    static func fetchCheckins(_ db: Database, user: String, limit: Int) throws -> [CheckIn] {
        try Row.fetchAll(db, sql: "SELECT * FROM checkins WHERE user_id = ? ORDER BY day DESC LIMIT ?",
                         arguments: [user, min(max(limit, 1), 1000)]).compactMap { r in
            guard let day = UTCDay(r["day"] as String) else { return nil }
            return CheckIn(day: day, sleepHours: r["sleep_hours"], soreness: r["soreness"], energy: r["energy"],
                    stress: r["stress"], notes: r["notes"], recordedAt: Date(timeIntervalSince1970: r["recorded_at"]))
        }
    }
}
