import Foundation
import GRDB

/// One user's history as stored, read in one transaction by `userHistory(user:maxSessions:checkinLimit:knownSessions:)`.
///
/// Sessions are never edited in place (a session is posted, imported or deleted), so a caller
/// that keeps the sessions it has read by id needs only the ids of the log as it is now and the
/// sessions it has not seen: after a new session that is one session, not the whole log.
public struct StoredUserHistory: Sendable, Equatable {
    public var profile: UserProfile
    /// The ids of the newest `maxSessions` sessions, oldest first (by start time, then id): the
    /// log the read saw.
    public var sessionIDs: [Int64]
    /// The sessions of `sessionIDs` that were not in the caller's `knownSessions`, oldest first
    /// (all of them when it passed none).
    public var workouts: [StoredWorkout]
    /// The most recent `checkinLimit` check-ins, newest day first.
    public var checkins: [CheckIn]

    public init(profile: UserProfile, sessionIDs: [Int64], workouts: [StoredWorkout], checkins: [CheckIn]) {
        self.profile = profile
        self.sessionIDs = sessionIDs
        self.workouts = workouts
        self.checkins = checkins
    }
}

extension SpotterStore {
    /// The user's profile, newest sessions and check-ins in one read transaction (one consistent
    /// snapshot), or nil for an unknown user. Pass the ids of the sessions already held as
    /// `knownSessions` to read only the others (a session posted or imported since).
    public func userHistory(user: String, maxSessions: Int, checkinLimit: Int,
                            knownSessions: Set<Int64> = []) async throws -> StoredUserHistory? {
        try await writer.read { db in
            guard let profile = try Self.fetchUser(db, id: user) else { return nil }
            let limit = max(0, maxSessions)
            let ids = Array(try Int64.fetchAll(db, sql: """
                SELECT id FROM workout_sessions WHERE user_id = ? ORDER BY started_at DESC, id DESC LIMIT ?
                """, arguments: [user, limit]).reversed())
            let workouts = try Self.fetchWorkouts(db, ids: ids.filter { !knownSessions.contains($0) })
            let checkins = try Self.fetchCheckins(db, user: user, limit: checkinLimit)
            return StoredUserHistory(profile: profile, sessionIDs: ids, workouts: workouts, checkins: checkins)
        }
    }
}
