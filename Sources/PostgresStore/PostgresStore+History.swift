import Foundation
import PostgresNIO
import Store

extension PostgresStore {
    /// The user's profile, newest sessions and check-ins in one snapshot, or nil for an unknown
    /// user; sessions whose id is in `knownSessions` are listed in `sessionIDs` but not read.
    /// Same contract as `SpotterStore.userHistory(user:maxSessions:checkinLimit:knownSessions:)`.
    public func userHistory(user: String, maxSessions: Int, checkinLimit: Int,
                            knownSessions: Set<Int64> = []) async throws -> StoredUserHistory? {
        try await read { conn in
            guard let profile = try await Self.fetchUser(conn, id: user, logger: logger) else { return nil }
            var ids: [Int64] = []
            for try await id in try await conn.query("""
                SELECT id FROM workout_sessions WHERE user_id = \(user) ORDER BY started_at DESC, id DESC LIMIT \(max(0, maxSessions))
                """, logger: logger).decode(Int64.self) { ids.append(id) }
            ids.reverse()
            let workouts = try await Self.fetchWorkouts(conn, ids: ids.filter { !knownSessions.contains($0) }, logger: logger)
            let checkins = try await Self.fetchCheckins(conn, user: user, limit: checkinLimit, logger: logger)
            return StoredUserHistory(profile: profile, sessionIDs: ids, workouts: workouts, checkins: checkins)
        }
    }
}
