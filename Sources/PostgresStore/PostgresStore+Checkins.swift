import Foundation
import PostgresNIO
import Store

extension PostgresStore {
    /// Records a daily check-in; a second one for the same day replaces the first.
    @discardableResult
    public func saveCheckin(_ checkin: CheckIn, user: String) async throws -> CheckIn {
        try checkin.validate()
        return try await write { conn in
            try await Self.requireUser(conn, id: user, logger: logger)
            try await conn.query("""
                INSERT INTO checkins (user_id, day, sleep_hours, soreness, energy, stress, notes, recorded_at)
                VALUES (\(user), \(checkin.day.text), \(checkin.sleepHours), \(checkin.soreness), \(checkin.energy),
                        \(checkin.stress), \(checkin.notes), \(checkin.recordedAt.timeIntervalSince1970))
                ON CONFLICT (user_id, day) DO UPDATE SET
                    sleep_hours = excluded.sleep_hours, soreness = excluded.soreness, energy = excluded.energy,
                    stress = excluded.stress, notes = excluded.notes, recorded_at = excluded.recorded_at
                """, logger: logger)
            return checkin
        }
    }

    public func recentCheckins(user: String, limit: Int = 30) async throws -> [CheckIn] {
        try await read { conn in try await Self.fetchCheckins(conn, user: user, limit: limit, logger: logger) }
    }

    /// Most recent day first; `limit` clamped to 1–1000; rows whose day is not a calendar day are left out.
    static func fetchCheckins(_ conn: PostgresConnection, user: String, limit: Int, logger: Logger) async throws -> [CheckIn] {
        var out: [CheckIn] = []
        for try await (day, sleep, soreness, energy, stress, notes, recorded) in try await conn.query("""
            SELECT day, sleep_hours, soreness, energy, stress, notes, recorded_at FROM checkins
            WHERE user_id = \(user) ORDER BY day DESC LIMIT \(min(max(limit, 1), 1000))
            """, logger: logger).decode((String, Double?, Int?, Int?, Int?, String?, Double).self) {
            guard let day = UTCDay(day) else { continue }
            out.append(CheckIn(day: day, sleepHours: sleep, soreness: soreness, energy: energy, stress: stress,
                               notes: notes, recordedAt: Date(timeIntervalSince1970: recorded)))
        }
        return out
    }
}
