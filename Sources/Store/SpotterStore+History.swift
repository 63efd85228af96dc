import Foundation
import GRDB

/// One user's history as stored, read in one transaction by `userHistory(user:maxSessions:checkinLimit:knownLogVersion:)`.
public struct StoredUserHistory: Sendable, Equatable {
    public var profile: UserProfile
    /// Identifies the state of the log: the newest session's id and the session count. It
    /// changes whenever a session is added or deleted.
    public var logVersion: String
    /// The newest `maxSessions` sessions, oldest first; nil when the caller's `knownLogVersion`
    /// is still current (its copy of the sessions is up to date).
    public var workouts: [StoredWorkout]?
    /// The most recent `checkinLimit` check-ins, newest day first.
    public var checkins: [CheckIn]

    public init(profile: UserProfile, logVersion: String, workouts: [StoredWorkout]?, checkins: [CheckIn]) {
        self.profile = profile
        self.logVersion = logVersion
        self.workouts = workouts
        self.checkins = checkins
    }
}

extension SpotterStore {
    /// The user's profile, newest sessions and check-ins in one read transaction (one consistent
    /// snapshot), or nil for an unknown user. Pass the `logVersion` of an earlier read as
    /// `knownLogVersion` to skip the sessions when none was added or deleted since.
    public func userHistory(user: String, maxSessions: Int, checkinLimit: Int,
                            knownLogVersion: String? = nil) async throws -> StoredUserHistory? {
        try await writer.read { db in
            guard let profile = try Self.fetchUser(db, id: user) else { return nil }
            let newest = try Int64.fetchOne(db, sql: """
                SELECT id FROM workout_sessions WHERE user_id = ? ORDER BY started_at DESC, id DESC LIMIT 1
                """, arguments: [user])
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM workout_sessions WHERE user_id = ?", arguments: [user]) ?? 0
            let version = "\(newest ?? -1)/\(count)"
            var workouts: [StoredWorkout]?
            if version != knownLogVersion {
                let ids = try Int64.fetchAll(db, sql: """
                    SELECT id FROM workout_sessions WHERE user_id = ? ORDER BY started_at DESC, id DESC LIMIT ?
                    """, arguments: [user, max(0, maxSessions)])
                workouts = try ids.reversed().compactMap { try Self.fetchWorkout(db, id: $0) }
            }
            let checkins = try Self.fetchCheckins(db, user: user, limit: checkinLimit)
            return StoredUserHistory(profile: profile, logVersion: version, workouts: workouts, checkins: checkins)
        }
    }
}
