import Foundation
import PostgresNIO

/// The one statement of a workout write (see `PostgresStore+WorkoutRows.swift`), as a prepared
/// statement: each pooled connection parses and plans it once, then every write sends only its
/// bound values. The SQL is a constant; every value is a parameter.
struct WriteWorkoutStatement: PostgresPreparedStatement {
    static let sql = """
        WITH owner AS (SELECT id FROM users WHERE id = $1 FOR KEY SHARE),
        session AS (
            INSERT INTO workout_sessions (user_id, title, started_at, ended_at, notes, source, created_at)
            SELECT owner.id, $2, $3, $4, $5, $6, $7 FROM owner
            ON CONFLICT (user_id, started_at, source) DO NOTHING RETURNING id, created_at),
        exercise AS (
            INSERT INTO workout_exercises (session_id, position, name, exercise_ref, canonical_name, notes)
            SELECT session.id, x.position, x.name, x.exercise_ref, x.canonical_name, x.notes
            FROM session CROSS JOIN jsonb_to_recordset($8::jsonb)
                 AS x(position BIGINT, name TEXT, exercise_ref TEXT, canonical_name TEXT, notes TEXT)
            ORDER BY x.position RETURNING id, position),
        inserted_sets AS (
            INSERT INTO workout_sets (exercise_id, position, set_type, weight_kg, reps, rpe, rir, distance_m, duration_s, notes)
            SELECT exercise.id, x.position, x.set_type, x.weight_kg, x.reps, x.rpe, x.rir, x.distance_m, x.duration_s, x.notes
            FROM jsonb_to_recordset($9::jsonb)
                 AS x(exercise_position BIGINT, position BIGINT, set_type TEXT, weight_kg DOUBLE PRECISION, reps BIGINT,
                      rpe DOUBLE PRECISION, rir BIGINT, distance_m DOUBLE PRECISION, duration_s DOUBLE PRECISION, notes TEXT)
            JOIN exercise ON exercise.position = x.exercise_position
            ORDER BY x.exercise_position, x.position),
        claim AS (
            INSERT INTO idempotency_keys (user_id, key, request_hash, workout_id, created_at)
            SELECT $1, $10, $11, session.id, $7 FROM session WHERE $10 IS NOT NULL
            ON CONFLICT (user_id, key) DO NOTHING RETURNING 1)
        SELECT EXISTS (SELECT 1 FROM owner), (SELECT id FROM session), (SELECT created_at FROM session), EXISTS (SELECT 1 FROM claim)
        """
    /// Declared, so that a NULL title, end, notes or key plans the same as a value.
    static let bindingDataTypes: [PostgresDataType] = [.text, .text, .float8, .float8, .text, .text, .float8, .text, .text, .text, .text]
    typealias Row = (Bool, Int64?, Double?, Bool)

    var user: String
    var title: String?
    var startedAt: Double
    var endedAt: Double?
    var notes: String?
    var source: String
    var now: Double
    var exercisesJSON: String
    var setsJSON: String
    var key: String?
    var requestHash: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 11)
        bindings.append(user)
        bindings.append(title)
        bindings.append(startedAt)
        bindings.append(endedAt)
        bindings.append(notes)
        bindings.append(source)
        bindings.append(now)
        bindings.append(exercisesJSON)
        bindings.append(setsJSON)
        bindings.append(key)
        bindings.append(requestHash)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
