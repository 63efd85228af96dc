import Foundation
import PostgresNIO
import Store

extension PostgresStore {
    /// Stores a workout session for `user` in one transaction and returns it once committed.
    ///
    /// With an `idempotencyKey` the key is claimed first (`INSERT … ON CONFLICT DO NOTHING` on
    /// its primary key): a concurrent request with the same key, from this daemon or another,
    /// waits for this transaction, then finds the key taken and replays the stored workout (or
    /// gets `.conflict` when its body differs). A second session of the same user, start time
    /// and source is a `.conflict`.
    public func saveWorkout(_ workout: NewWorkout, user: String, idempotencyKey: String? = nil,
                            requestHash: String = "") async throws -> SavedWorkout {
        try workout.validate()
        return try await write { conn in
            try await Self.requireUser(conn, id: user, logger: logger)
            if let key = idempotencyKey {
                let claimed = try await conn.query("""
                    INSERT INTO idempotency_keys (user_id, key, request_hash, workout_id, created_at)
                    VALUES (\(user), \(key), \(requestHash), NULL, \(Date().timeIntervalSince1970))
                    ON CONFLICT (user_id, key) DO NOTHING RETURNING 1
                    """, logger: logger).any()
                if !claimed { return try await replay(conn, user: user, key: key, requestHash: requestHash) }
            }
            guard let id = try await Self.insertWorkout(conn, workout, user: user, logger: logger) else {
                throw StoreError(.conflict, "user '\(user)' already has a \(workout.source.rawValue) workout starting at \(ISO8601DateFormatter().string(from: workout.startedAt))")
            }
            if let key = idempotencyKey {
                try await conn.query("UPDATE idempotency_keys SET workout_id = \(id) WHERE user_id = \(user) AND key = \(key)", logger: logger)
            }
            guard let stored = try await Self.fetchWorkouts(conn, ids: [id], logger: logger).first else {
                throw StoreError(.database, "the workout just written (id \(id)) cannot be read back")
            }
            return SavedWorkout(workout: stored, replayed: false)
        }
    }

    /// The answer to a retry: the workout first stored under `key`.
    private func replay(_ conn: PostgresConnection, user: String, key: String, requestHash: String) async throws -> SavedWorkout {
        let rows = try await conn.query("SELECT request_hash, workout_id FROM idempotency_keys WHERE user_id = \(user) AND key = \(key)", logger: logger)
        var first: (hash: String, workout: Int64?)?
        for try await (hash, workout) in rows.decode((String, Int64?).self) { first = (hash, workout) }
        guard let first, first.hash == requestHash else {
            throw StoreError(.conflict, "Idempotency-Key '\(key.prefix(80))' was already used with a different request body; use a new key for a new workout")
        }
        guard let id = first.workout, let stored = try await Self.fetchWorkouts(conn, ids: [id], logger: logger).first else {
            throw StoreError(.notFound, "the workout first stored under Idempotency-Key '\(key.prefix(80))' was deleted")
        }
        return SavedWorkout(workout: stored, replayed: true)
    }

    public func workouts(user: String, limit: Int, before: Int64?) async throws -> WorkoutPage {
        let limit = min(max(limit, 1), 200)
        return try await read { conn in
            try await Self.requireUserExists(conn, id: user, logger: logger)
            var cursorStart = Double.infinity
            var cursorID = Int64.max
            if let before, let start = try await conn.query(
                "SELECT started_at FROM workout_sessions WHERE id = \(before) AND user_id = \(user)", logger: logger).first(Double.self) {
                cursorStart = start
                cursorID = before
            }
            var ids: [Int64] = []
            for try await id in try await conn.query("""
                SELECT id FROM workout_sessions
                WHERE user_id = \(user) AND (started_at < \(cursorStart) OR (started_at = \(cursorStart) AND id < \(cursorID)))
                ORDER BY started_at DESC, id DESC LIMIT \(limit + 1)
                """, logger: logger).decode(Int64.self) { ids.append(id) }
            let page = Array(ids.prefix(limit))
            let workouts = try await Self.fetchWorkouts(conn, ids: page, logger: logger)
            return WorkoutPage(workouts: workouts, nextCursor: ids.count > limit ? page.last : nil)
        }
    }

    public func workoutCounts(user: String) async throws -> (sessions: Int, sets: Int) {
        let counts = try await read { conn in
            let rows = try await conn.query("""
                SELECT (SELECT count(*) FROM workout_sessions WHERE user_id = \(user)),
                       (SELECT count(*) FROM workout_sets s JOIN workout_exercises e ON s.exercise_id = e.id
                        JOIN workout_sessions w ON e.session_id = w.id WHERE w.user_id = \(user))
                """, logger: logger)
            var counts = [0, 0]
            for try await (sessions, sets) in rows.decode((Int, Int).self) { counts = [sessions, sets] }
            return counts
        }
        return (counts[0], counts[1])
    }

    /// `StoreError.userNotFound` unless the user exists (reads; no lock).
    static func requireUserExists(_ conn: PostgresConnection, id: String, logger: Logger) async throws {
        guard try await conn.query("SELECT 1 FROM users WHERE id = \(id)", logger: logger).any() else {
            throw StoreError.userNotFound(id)
        }
    }
}
