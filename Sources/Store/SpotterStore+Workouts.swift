import Foundation
import GRDB

/// The result of `saveWorkout`: the stored workout, and whether it was a replay of an earlier
/// request with the same idempotency key (then nothing was written).
public struct SavedWorkout: Sendable, Equatable {
    public var workout: StoredWorkout
    public var replayed: Bool

    public init(workout: StoredWorkout, replayed: Bool) {
        self.workout = workout
        self.replayed = replayed
    }
}

/// A page of workouts, newest first. Pass `nextCursor` back as `before` for the next page.
public struct WorkoutPage: Sendable, Equatable {
    public var workouts: [StoredWorkout]
    public var nextCursor: Int64?

    public init(workouts: [StoredWorkout], nextCursor: Int64?) {
        self.workouts = workouts
        self.nextCursor = nextCursor
    }
}

extension SpotterStore {
    /// Stores a workout session for `user` in one transaction and returns it once committed.
    ///
    /// With an `idempotencyKey`, a retry with the same key and the same `requestHash` returns the
    /// first result and writes nothing; the same key with a different hash is a `.conflict`.
    /// A second session of the same user, start time and source is a `.conflict`.
    public func saveWorkout(_ workout: NewWorkout, user: String, idempotencyKey: String? = nil,
                            requestHash: String = "") async throws -> SavedWorkout {
        try workout.validate()
        return try await writer.write { db in
            _ = try Self.requireUser(db, id: user)
            if let key = idempotencyKey,
               let row = try Row.fetchOne(db, sql: "SELECT request_hash, workout_id FROM idempotency_keys WHERE user_id = ? AND key = ?", arguments: [user, key]) {
                guard (row["request_hash"] as String) == requestHash else {
                    throw StoreError(.conflict, "Idempotency-Key '\(key.prefix(80))' was already used with a different request body; use a new key for a new workout")
                }
                guard let stored = try Self.fetchWorkout(db, id: row["workout_id"]) else {
                    throw StoreError(.notFound, "the workout first stored under Idempotency-Key '\(key.prefix(80))' was deleted")
                }
                return SavedWorkout(workout: stored, replayed: true)
            }
            let id = try Self.insertWorkout(db, workout, user: user)
            if let key = idempotencyKey {
                try db.execute(sql: "INSERT INTO idempotency_keys (user_id, key, request_hash, workout_id, created_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [user, key, requestHash, id, Date().timeIntervalSince1970])
            }
            return SavedWorkout(workout: try Self.fetchWorkout(db, id: id)!, replayed: false)
        }
    }

    /// The user's newest workouts, newest first (by start time). `limit` is clamped to 1–200.
    public func recentWorkouts(user: String, limit: Int = 20) async throws -> [StoredWorkout] {
        try await workouts(user: user, limit: limit, before: nil).workouts
    }

    /// One page of the user's workouts, newest first. `before` is the cursor from the previous page.
    public func workouts(user: String, limit: Int, before: Int64?) async throws -> WorkoutPage {
        let limit = min(max(limit, 1), 200)
        return try await writer.read { db in
            _ = try Self.requireUser(db, id: user)
            var cursorStart = Double.infinity
            var cursorID = Int64.max
            if let before, let start = try Double.fetchOne(db, sql: "SELECT started_at FROM workout_sessions WHERE id = ? AND user_id = ?", arguments: [before, user]) {
                cursorStart = start
                cursorID = before
            }
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM workout_sessions
                WHERE user_id = ? AND (started_at < ? OR (started_at = ? AND id < ?))
                ORDER BY started_at DESC, id DESC LIMIT ?
                """, arguments: [user, cursorStart, cursorStart, cursorID, limit + 1])
            let page = Array(ids.prefix(limit))
            let workouts = try Self.fetchWorkouts(db, ids: page)
            return WorkoutPage(workouts: workouts, nextCursor: ids.count > limit ? page.last : nil)
        }
    }

    /// Counts the user's sessions and sets (for reports and tests).
    public func workoutCounts(user: String) async throws -> (sessions: Int, sets: Int) {
        try await writer.read { db in
            let sessions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM workout_sessions WHERE user_id = ?", arguments: [user]) ?? 0
            let sets = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM workout_sets s JOIN workout_exercises e ON s.exercise_id = e.id
                JOIN workout_sessions w ON e.session_id = w.id WHERE w.user_id = ?
                """, arguments: [user]) ?? 0
            return (sessions, sets)
        }
    }

    static func insertWorkout(_ db: Database, _ workout: NewWorkout, user: String) throws -> Int64 {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM workout_sessions WHERE user_id = ? AND started_at = ? AND source = ?",
                             arguments: [user, workout.startedAt.timeIntervalSince1970, workout.source.rawValue]) == true {
            throw StoreError(.conflict, "user '\(user)' already has a \(workout.source.rawValue) workout starting at \(ISO8601DateFormatter().string(from: workout.startedAt))")
        }
        try db.execute(sql: "INSERT INTO workout_sessions (user_id, title, started_at, ended_at, notes, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       arguments: [user, workout.title, workout.startedAt.timeIntervalSince1970, workout.endedAt?.timeIntervalSince1970,
                                   workout.notes, workout.source.rawValue, Date().timeIntervalSince1970])
        let sessionID = db.lastInsertedRowID
        let insertExercise = try db.cachedStatement(sql: "INSERT INTO workout_exercises (session_id, position, name, exercise_ref, canonical_name, notes) VALUES (?, ?, ?, ?, ?, ?)")
        let insertSet = try db.cachedStatement(sql: "INSERT INTO workout_sets (exercise_id, position, set_type, weight_kg, reps, rpe, rir, distance_m, duration_s, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for (e, exercise) in workout.exercises.enumerated() {
            try insertExercise.execute(arguments: [sessionID, e, exercise.name, exercise.exerciseID, exercise.canonicalName, exercise.notes])
            let exerciseID = db.lastInsertedRowID
            for (s, set) in exercise.sets.enumerated() {
                try insertSet.execute(arguments: [exerciseID, s, set.type.rawValue, set.weightKg, set.reps, set.rpe, set.rir,
                                                  set.distanceMeters, set.durationSeconds, set.notes])
            }
        }
        return sessionID
    }

    static func fetchWorkout(_ db: Database, id: Int64) throws -> StoredWorkout? {
        try fetchWorkouts(db, ids: [id]).first
    }

    /// The sessions with these ids (of any user; callers pick the ids by user), in the order of
    /// `ids`, with their exercises (by position) and sets (by position), read with three queries
    /// whatever the count: the ids go in as one bound JSON array (`json_each`), the columns are
    /// read by position and decoded straight from the statements (cursors, no row copies).
    static func fetchWorkouts(_ db: Database, ids: [Int64]) throws -> [StoredWorkout] {
        guard !ids.isEmpty else { return [] }
        let list: StatementArguments = ["[" + ids.map(String.init).joined(separator: ",") + "]"]
        var sessions: [Int64: (user: String, title: String?, started: Double, ended: Double?, notes: String?, source: String, created: Double)] = [:]
        let sessionRows = try Row.fetchCursor(db, sql: """
            SELECT id, user_id, title, started_at, ended_at, notes, source, created_at FROM workout_sessions
            WHERE id IN (SELECT value FROM json_each(?))
            """, arguments: list)
        while let r = try sessionRows.next() {
            sessions[r[0]] = (r[1], r[2], r[3], r[4], r[5], r[6], r[7])
        }
        // Exercises per session in position order, each remembered by id for its sets.
        var exercises: [Int64: [WorkoutExercise]] = [:]
        var slot: [Int64: (session: Int64, index: Int)] = [:]
        let exerciseRows = try Row.fetchCursor(db, sql: """
            SELECT id, session_id, name, exercise_ref, canonical_name, notes FROM workout_exercises
            WHERE session_id IN (SELECT value FROM json_each(?)) ORDER BY session_id, position
            """, arguments: list)
        while let e = try exerciseRows.next() {
            let session: Int64 = e[1]
            slot[e[0]] = (session, exercises[session, default: []].count)
            exercises[session, default: []].append(WorkoutExercise(name: e[2], exerciseID: e[3], canonicalName: e[4], notes: e[5], sets: []))
        }
        let setRows = try Row.fetchCursor(db, sql: """
            SELECT s.exercise_id, s.set_type, s.weight_kg, s.reps, s.rpe, s.rir, s.distance_m, s.duration_s, s.notes
            FROM workout_sets s JOIN workout_exercises e ON s.exercise_id = e.id
            WHERE e.session_id IN (SELECT value FROM json_each(?)) ORDER BY s.exercise_id, s.position
            """, arguments: list)
        while let r = try setRows.next() {
            guard let at = slot[r[0]] else { continue }
            exercises[at.session]![at.index].sets.append(WorkoutSet(
                type: SetType(rawValue: r[1]) ?? .normal, weightKg: r[2], reps: r[3], rpe: r[4], rir: r[5],
                distanceMeters: r[6], durationSeconds: r[7], notes: r[8]))
        }
        return ids.compactMap { id in
            guard let s = sessions[id] else { return nil }
            let workout = NewWorkout(
                title: s.title, startedAt: Date(timeIntervalSince1970: s.started),
                endedAt: s.ended.map(Date.init(timeIntervalSince1970:)), notes: s.notes,
                source: WorkoutSource(rawValue: s.source) ?? .api, exercises: exercises[id] ?? [])
            return StoredWorkout(id: id, userID: s.user, workout: workout, createdAt: Date(timeIntervalSince1970: s.created))
        }
    }
}
