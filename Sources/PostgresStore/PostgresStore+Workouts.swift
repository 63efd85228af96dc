import Foundation
import PostgresNIO
import Store

extension PostgresStore {
    /// Stores a workout session for `user` in one transaction and returns it once committed:
    /// one round trip, a call of `spotter_write_workout` that writes and commits (`writeWorkout`).
    ///
    /// The session is inserted first (`ON CONFLICT DO NOTHING` on the dedupe index), then the
    /// `idempotencyKey` is claimed with the new session's id (`ON CONFLICT DO NOTHING` on its
    /// primary key), so that a concurrent request with the same key and body, from this daemon or
    /// another, waits on the dedupe index for this transaction and then replays it; one with the
    /// same key and another body waits on the key, finds it taken, has its session rolled back
    /// by the procedure and gets `.conflict`. A second session of the same user, start time and
    /// source is a `.conflict`. The stored workout is returned as written (the values just bound,
    /// with the id and `created_at` the procedure returns), not read back.
    public func saveWorkout(_ workout: NewWorkout, user: String, idempotencyKey: String? = nil,
                            requestHash: String = "") async throws -> SavedWorkout {
        try workout.validate()
        let outcome = try await autocommit { conn in
            try await Self.writeWorkout(conn, workout, user: user, key: idempotencyKey, requestHash: requestHash,
                                        commit: true, logger: logger)
        }
        return try await answer(outcome, workout, user: user, idempotencyKey: idempotencyKey, requestHash: requestHash)
    }

    /// Stores the session `build` makes in the user's weight unit, in one round trip when this
    /// store has seen the user's unit before: the write carries the unit it converted from and
    /// writes nothing when the user's is another (changed through any daemon since), and is then
    /// repeated with the unit it returns. A user not seen yet is read first (two round trips).
    public func saveWorkout(user: String, idempotencyKey: String?, requestHash: String,
                            building build: (WeightUnit) throws -> NewWorkout) async throws -> (saved: SavedWorkout, units: WeightUnit) {
        var units: WeightUnit
        if let seen = knownUnits.withLock({ $0[user] }) {
            units = seen
        } else {
            guard let profile = try await self.user(id: user) else { throw StoreError.userNotFound(user) }
            units = profile.units
        }
        for _ in 0..<3 {
            let workout = try build(units)
            try workout.validate()
            let outcome = try await autocommit { conn in
                try await Self.writeWorkout(conn, workout, user: user, key: idempotencyKey, requestHash: requestHash,
                                            units: units, commit: true, logger: logger)
            }
            if outcome.userExists, let current = outcome.units {
                remember(units: current, of: user)
                if current != units { units = current; continue }   // nothing written: convert again
            } else {
                knownUnits.withLock { _ = $0.removeValue(forKey: user) }
            }
            return (try await answer(outcome, workout, user: user, idempotencyKey: idempotencyKey, requestHash: requestHash), units)
        }
        throw StoreError(.conflict, "user '\(user)' changed weight units during the write three times; retry the request")
    }

    /// The users' weight units this store last saw (bounded: emptied past 10,000 users).
    private func remember(units: WeightUnit, of user: String) {
        knownUnits.withLock { known in
            if known.count >= 10_000 { known.removeAll() }
            known[user] = units
        }
    }

    /// The answer to a write: the workout as written, else a replay of the key's first request,
    /// else the conflict on the start time.
    private func answer(_ outcome: WriteOutcome, _ workout: NewWorkout, user: String, idempotencyKey: String?,
                        requestHash: String) async throws -> SavedWorkout {
        guard outcome.userExists else { throw StoreError.userNotFound(user) }
        if let written = outcome.session {
            return SavedWorkout(workout: StoredWorkout(id: written.id, userID: user, workout: Self.asStored(workout),
                                                       createdAt: Date(timeIntervalSince1970: written.createdAt)), replayed: false)
        }
        // Not written: the key's owner answers a retry; else the start time was taken.
        if let key = idempotencyKey, let replayed = try await read({ conn in
            try await replay(conn, user: user, key: key, requestHash: requestHash)
        }) {
            return replayed
        }
        throw StoreError(.conflict, "user '\(user)' already has a \(workout.source.rawValue) workout starting at \(ISO8601DateFormatter().string(from: workout.startedAt))")
    }

    /// `workout` as a read-back would return it: dates through the stored seconds since 1970.
    static func asStored(_ workout: NewWorkout) -> NewWorkout {
        var stored = workout
        stored.startedAt = Date(timeIntervalSince1970: workout.startedAt.timeIntervalSince1970)
        stored.endedAt = workout.endedAt.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970) }
        return stored
    }

    /// The answer to a retry: the workout first stored under `key`, or nil when the key is not
    /// stored (the conflict was the session's start time, not the key).
    private func replay(_ conn: PostgresConnection, user: String, key: String, requestHash: String) async throws -> SavedWorkout? {
        let rows = try await conn.query("SELECT request_hash, workout_id FROM idempotency_keys WHERE user_id = \(user) AND key = \(key)", logger: logger)
        var first: (hash: String, workout: Int64?)?
        for try await (hash, workout) in rows.decode((String, Int64?).self) { first = (hash, workout) }
        guard let first else { return nil }
        guard first.hash == requestHash else {
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
            // No session: tell an unknown user from one without workouts (one more query only then).
            if ids.isEmpty { try await Self.requireUserExists(conn, id: user, logger: logger) }
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
