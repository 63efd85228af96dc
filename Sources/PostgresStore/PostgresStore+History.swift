import Foundation
import PostgresNIO
import Store

extension PostgresStore {
    /// The user's profile, newest sessions and check-ins in one snapshot, or nil for an unknown
    /// user; the sessions are skipped when `knownLogVersion` is still current. Same log version
    /// spelling as the SQLite store: "<newest session id>/<session count>".
    public func userHistory(user: String, maxSessions: Int, checkinLimit: Int,
                            knownLogVersion: String? = nil) async throws -> StoredUserHistory? {
        try await read { conn in
            guard let profile = try await Self.fetchUser(conn, id: user, logger: logger) else { return nil }
            var newest: Int64 = -1
            var count = 0
            for try await (id, total) in try await conn.query("""
                SELECT (SELECT id FROM workout_sessions WHERE user_id = \(user) ORDER BY started_at DESC, id DESC LIMIT 1),
                       (SELECT count(*) FROM workout_sessions WHERE user_id = \(user))
                """, logger: logger).decode((Int64?, Int).self) {
                newest = id ?? -1
                count = total
            }
            let version = "\(newest)/\(count)"
            var workouts: [StoredWorkout]?
            if version != knownLogVersion {
                var ids: [Int64] = []
                for try await id in try await conn.query("""
                    SELECT id FROM workout_sessions WHERE user_id = \(user) ORDER BY started_at DESC, id DESC LIMIT \(max(0, maxSessions))
                    """, logger: logger).decode(Int64.self) { ids.append(id) }
                workouts = try await Self.fetchWorkouts(conn, ids: ids.reversed(), logger: logger)
            }
            let checkins = try await Self.fetchCheckins(conn, user: user, limit: checkinLimit, logger: logger)
            return StoredUserHistory(profile: profile, logVersion: version, workouts: workouts, checkins: checkins)
        }
    }
}
