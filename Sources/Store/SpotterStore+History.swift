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
            let missing = ids.filter { !knownSessions.contains($0) }
            let workouts: [StoredWorkout]
            if missing.count <= Self.sessionsReadOneByOne {
                // A session or a few since the caller's read: three small queries each.
                workouts = try missing.compactMap { try Self.fetchWorkout(db, id: $0) }
            } else {
                // A first read, or an import since: the whole log in three queries.
                workouts = try Self.fetchNewestWorkouts(db, user: user, limit: limit).filter { !knownSessions.contains($0.id) }
            }
            let checkins = try Self.fetchCheckins(db, user: user, limit: checkinLimit)
            return StoredUserHistory(profile: profile, sessionIDs: ids, workouts: workouts, checkins: checkins)
        }
    }

    /// Up to this many unknown sessions are read one by one; more are read with the whole log.
    static let sessionsReadOneByOne = 16
}

extension SpotterStore {
    /// The user's newest `limit` sessions, oldest first, with their exercises and sets: the same
    /// values as `fetchWorkout(_:id:)` for each, read with three queries (sessions, exercises,
    /// sets) instead of three per session, columns by position, decoded straight from the
    /// statement (cursors: no row copies). A long log is re-read after every
    /// write (a new log version), so this is on the first request after a new session.
    static func fetchNewestWorkouts(_ db: Database, user: String, limit: Int) throws -> [StoredWorkout] {
        let newest = "SELECT id FROM workout_sessions WHERE user_id = ? ORDER BY started_at DESC, id DESC LIMIT ?"
        let arguments: StatementArguments = [user, limit]
        let sessions = try Row.fetchAll(db, sql: """
            SELECT id, user_id, title, started_at, ended_at, notes, source, created_at FROM workout_sessions
            WHERE user_id = ? ORDER BY started_at DESC, id DESC LIMIT ?
            """, arguments: arguments)
        // Exercises per session in position order, each remembered by id for its sets.
        var exercises: [Int64: [WorkoutExercise]] = [:]
        var slot: [Int64: (session: Int64, index: Int)] = [:]
        let exerciseRows = try Row.fetchCursor(db, sql: """
            SELECT id, session_id, name, exercise_ref, canonical_name, notes FROM workout_exercises
            WHERE session_id IN (\(newest)) ORDER BY session_id, position
            """, arguments: arguments)
        while let e = try exerciseRows.next() {
            let session: Int64 = e[1]
            slot[e[0]] = (session, exercises[session, default: []].count)
            exercises[session, default: []].append(WorkoutExercise(name: e[2], exerciseID: e[3], canonicalName: e[4], notes: e[5], sets: []))
        }
        let setRows = try Row.fetchCursor(db, sql: """
            SELECT s.exercise_id, s.set_type, s.weight_kg, s.reps, s.rpe, s.rir, s.distance_m, s.duration_s, s.notes
            FROM workout_sets s JOIN workout_exercises e ON s.exercise_id = e.id
            WHERE e.session_id IN (\(newest)) ORDER BY s.exercise_id, s.position
            """, arguments: arguments)
        while let s = try setRows.next() {
            guard let at = slot[s[0]] else { continue }
            exercises[at.session]![at.index].sets.append(WorkoutSet(
                type: SetType(rawValue: s[1]) ?? .normal, weightKg: s[2], reps: s[3], rpe: s[4], rir: s[5],
                distanceMeters: s[6], durationSeconds: s[7], notes: s[8]))
        }
        return sessions.reversed().map { row in
            let id: Int64 = row[0]
            let workout = NewWorkout(
                title: row[2], startedAt: Date(timeIntervalSince1970: row[3]),
                endedAt: (row[4] as Double?).map(Date.init(timeIntervalSince1970:)), notes: row[5],
                source: WorkoutSource(rawValue: row[6]) ?? .api, exercises: exercises[id] ?? [])
            return StoredWorkout(id: id, userID: row[1], workout: workout, createdAt: Date(timeIntervalSince1970: row[7]))
        }
    }
}
