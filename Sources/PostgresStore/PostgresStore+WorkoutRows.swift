import Foundation
import PostgresNIO
import Store

/// Writing and reading a session's rows.
///
/// A write is one statement (one round trip; `WriteWorkoutStatement`, prepared once per pooled
/// connection, so PostgreSQL parses it once and each write sends only its values), a call of the
/// `spotter_write_workout` procedure (migration v3), whose data-modifying CTEs check the user
/// (`FOR KEY SHARE`, so a concurrent delete waits), insert the session (`ON CONFLICT DO NOTHING`
/// on the dedupe index), its exercises and sets (sent as one JSON parameter each and unpacked
/// with `jsonb_to_recordset`: bound parameters, never SQL text) and claim the `Idempotency-Key`
/// (`ON CONFLICT DO NOTHING` on its primary key) with the new session's id; the call returns
/// what happened. The CTEs share one snapshot, so the sets join the exercises through the
/// exercise CTE's `RETURNING`, not through the table. A write on its own (`commit`) is also
/// committed by the procedure — or rolled back when the key was taken — before it answers.
extension PostgresStore {
    /// What the one-statement write did.
    struct WriteOutcome: Sendable {
        /// False when the user does not exist (nothing was written).
        var userExists: Bool
        /// The user's weight unit. When it is not the one the caller converted from, nothing
        /// was written.
        var units: WeightUnit?
        /// The new session's id and `created_at`, or nil when the user already has a session
        /// with that start time and source (nothing was written).
        var session: (id: Int64, createdAt: Double)?
        /// Whether the `Idempotency-Key` was claimed (false without a key, or when another
        /// request holds it: the procedure rolled the session back then, and `session` is nil).
        var claimedKey: Bool
    }

    /// Writes the session, its exercises and sets, and claims `key` for it, in one statement;
    /// with `commit` (on a connection outside a transaction block) the statement also commits it.
    /// With `units`, it writes only if the user's weight unit is still that one.
    static func writeWorkout(_ conn: PostgresConnection, _ workout: NewWorkout, user: String, key: String?,
                             requestHash: String, units: WeightUnit? = nil, commit: Bool,
                             logger: Logger) async throws -> WriteOutcome {
        var exercises: [ExerciseRow] = []
        var sets: [SetRow] = []
        for (e, exercise) in workout.exercises.enumerated() {
            exercises.append(ExerciseRow(position: e, name: exercise.name, exercise_ref: exercise.exerciseID,
                                         canonical_name: exercise.canonicalName, notes: exercise.notes))
            for (s, set) in exercise.sets.enumerated() {
                sets.append(SetRow(exercise_position: e, position: s, set_type: set.type.rawValue, weight_kg: set.weightKg,
                                   reps: set.reps, rpe: set.rpe, rir: set.rir, distance_m: set.distanceMeters,
                                   duration_s: set.durationSeconds, notes: set.notes))
            }
        }
        let now = Date().timeIntervalSince1970
        let rows = try await conn.execute(WriteWorkoutStatement(
            user: user, title: workout.title, startedAt: workout.startedAt.timeIntervalSince1970,
            endedAt: workout.endedAt?.timeIntervalSince1970, notes: workout.notes, source: workout.source.rawValue,
            now: now, exercisesJSON: try jsonText(exercises), setsJSON: try jsonText(sets), key: key,
            requestHash: requestHash, units: units?.rawValue, commit: commit), logger: logger)
        for try await (exists, userUnits, id, created, claimed) in rows {
            return WriteOutcome(userExists: exists, units: userUnits.flatMap(WeightUnit.init(rawValue:)),
                                session: id.flatMap { id in created.map { (id: id, createdAt: $0) } }, claimedKey: claimed)
        }
        throw StoreError(.database, "the workout write returned no outcome row")
    }

    /// Inserts the session, its exercises and sets (no idempotency key). Returns the new id, or
    /// nil when the user already has a session with that start time and source (nothing is
    /// written then); `StoreError.userNotFound` when the user does not exist.
    static func insertWorkout(_ conn: PostgresConnection, _ workout: NewWorkout, user: String, logger: Logger) async throws -> Int64? {
        let outcome = try await writeWorkout(conn, workout, user: user, key: nil, requestHash: "", commit: false, logger: logger)
        guard outcome.userExists else { throw StoreError.userNotFound(user) }
        return outcome.session?.id
    }

    /// The sessions with these ids (of any user; callers filter by user first), in the order of
    /// `ids`: one query, the sessions joined with their exercises and sets (one row per set),
    /// ordered so that each exercise's sets arrive together and in position order.
    static func fetchWorkouts(_ conn: PostgresConnection, ids: [Int64], logger: Logger) async throws -> [StoredWorkout] {
        guard !ids.isEmpty else { return [] }
        var sessions: [Int64: (user: String, workout: NewWorkout, created: Double)] = [:]
        var currentExercise: [Int64: Int64] = [:]  // session id → the exercise id its rows are at
        let rows = try await conn.query("""
            SELECT w.id, w.user_id, w.title, w.started_at, w.ended_at, w.notes, w.source, w.created_at,
                   e.id, e.name, e.exercise_ref, e.canonical_name, e.notes,
                   s.set_type, s.weight_kg, s.reps, s.rpe, s.rir, s.distance_m, s.duration_s, s.notes
            FROM workout_sessions w
            LEFT JOIN workout_exercises e ON e.session_id = w.id
            LEFT JOIN workout_sets s ON s.exercise_id = e.id
            WHERE w.id = ANY(\(ids))
            ORDER BY w.id, e.position, e.id, s.position, s.id
            """, logger: logger)
        for try await (id, user, title, started, ended, notes, source, created,
                       exerciseID, name, ref, canonical, exerciseNotes,
                       type, weight, reps, rpe, rir, distance, duration, setNotes) in rows.decode(
            (Int64, String, String?, Double, Double?, String?, String, Double,
             Int64?, String?, String?, String?, String?,
             String?, Double?, Int?, Double?, Int?, Double?, Double?, String?).self) {
            if sessions[id] == nil {
                sessions[id] = (user, NewWorkout(title: title, startedAt: Date(timeIntervalSince1970: started),
                                                 endedAt: ended.map(Date.init(timeIntervalSince1970:)), notes: notes,
                                                 source: WorkoutSource(rawValue: source) ?? .api, exercises: []), created)
            }
            guard let exerciseID, let name else { continue }
            if currentExercise[id] != exerciseID {
                currentExercise[id] = exerciseID
                sessions[id]?.workout.exercises.append(WorkoutExercise(name: name, exerciseID: ref, canonicalName: canonical,
                                                                       notes: exerciseNotes, sets: []))
            }
            guard let type, let last = sessions[id]?.workout.exercises.indices.last else { continue }
            sessions[id]?.workout.exercises[last].sets.append(WorkoutSet(
                type: SetType(rawValue: type) ?? .normal, weightKg: weight, reps: reps, rpe: rpe, rir: rir,
                distanceMeters: distance, durationSeconds: duration, notes: setNotes))
        }
        return ids.compactMap { id in
            sessions[id].map { StoredWorkout(id: id, userID: $0.user, workout: $0.workout, createdAt: Date(timeIntervalSince1970: $0.created)) }
        }
    }

    private static func jsonText<T: Encodable>(_ rows: T) throws -> String {
        String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
    }
}

/// A row of `workout_exercises` as sent to `jsonb_to_recordset` (keys are the column names).
private struct ExerciseRow: Encodable {
    var position: Int
    var name: String
    var exercise_ref: String?
    var canonical_name: String?
    var notes: String?
}

/// A row of `workout_sets` as sent to `jsonb_to_recordset`.
private struct SetRow: Encodable {
    var exercise_position: Int
    var position: Int
    var set_type: String
    var weight_kg: Double?
    var reps: Int?
    var rpe: Double?
    var rir: Int?
    var distance_m: Double?
    var duration_s: Double?
    var notes: String?
}
