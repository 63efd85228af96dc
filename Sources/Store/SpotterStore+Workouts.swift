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
            let workouts = try page.compactMap { try Self.fetchWorkout(db, id: $0) }
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
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM workout_sessions WHERE id = ?", arguments: [id]) else { return nil }
        var exercises: [WorkoutExercise] = []
        var indexByID: [Int64: Int] = [:]
        for e in try Row.fetchAll(db, sql: "SELECT * FROM workout_exercises WHERE session_id = ? ORDER BY position", arguments: [id]) {
            indexByID[e["id"]] = exercises.count
            exercises.append(WorkoutExercise(name: e["name"], exerciseID: e["exercise_ref"], canonicalName: e["canonical_name"], notes: e["notes"], sets: []))
        }
        let sets = try Row.fetchAll(db, sql: """
            SELECT s.* FROM workout_sets s JOIN workout_exercises e ON s.exercise_id = e.id
            WHERE e.session_id = ? ORDER BY s.exercise_id, s.position
            """, arguments: [id])
        for s in sets {
            guard let index = indexByID[s["exercise_id"]] else { continue }
            exercises[index].sets.append(WorkoutSet(
                type: SetType(rawValue: s["set_type"]) ?? .normal, weightKg: s["weight_kg"], reps: s["reps"],
                rpe: s["rpe"], rir: s["rir"], distanceMeters: s["distance_m"], durationSeconds: s["duration_s"], notes: s["notes"]))
        }
        let workout = NewWorkout(
            title: row["title"], startedAt: Date(timeIntervalSince1970: row["started_at"]),
            endedAt: (row["ended_at"] as Double?).map(Date.init(timeIntervalSince1970:)), notes: row["notes"],
            source: WorkoutSource(rawValue: row["source"]) ?? .api, exercises: exercises)
        return StoredWorkout(id: id, userID: row["user_id"], workout: workout, createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }
}
