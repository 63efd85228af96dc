import Foundation
import PostgresNIO
import Store

/// Writing and reading a session's rows: three statements per session either way.
///
/// A session's exercises and sets go to the server as one JSON parameter each and are
/// unpacked there with `jsonb_to_recordset` — still bound parameters, never SQL text, and three
/// round trips per session instead of one per set.
extension PostgresStore {
    /// Inserts the session, its exercises and sets. Returns the new id, or nil when the user
    /// already has a session with that start time and source (nothing is written then).
    static func insertWorkout(_ conn: PostgresConnection, _ workout: NewWorkout, user: String, logger: Logger) async throws -> Int64? {
        let rows = try await conn.query("""
            INSERT INTO workout_sessions (user_id, title, started_at, ended_at, notes, source, created_at)
            VALUES (\(user), \(workout.title), \(workout.startedAt.timeIntervalSince1970), \(workout.endedAt?.timeIntervalSince1970),
                    \(workout.notes), \(workout.source.rawValue), \(Date().timeIntervalSince1970))
            ON CONFLICT (user_id, started_at, source) DO NOTHING RETURNING id
            """, logger: logger)
        guard let sessionID = try await rows.first(Int64.self) else { return nil }
        guard !workout.exercises.isEmpty else { return sessionID }
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
        try await conn.query("""
            INSERT INTO workout_exercises (session_id, position, name, exercise_ref, canonical_name, notes)
            SELECT \(sessionID), x.position, x.name, x.exercise_ref, x.canonical_name, x.notes
            FROM jsonb_to_recordset(\(try jsonText(exercises))::jsonb)
                 AS x(position BIGINT, name TEXT, exercise_ref TEXT, canonical_name TEXT, notes TEXT)
            ORDER BY x.position
            """, logger: logger)
        guard !sets.isEmpty else { return sessionID }
        try await conn.query("""
            INSERT INTO workout_sets (exercise_id, position, set_type, weight_kg, reps, rpe, rir, distance_m, duration_s, notes)
            SELECT e.id, x.position, x.set_type, x.weight_kg, x.reps, x.rpe, x.rir, x.distance_m, x.duration_s, x.notes
            FROM jsonb_to_recordset(\(try jsonText(sets))::jsonb)
                 AS x(exercise_position BIGINT, position BIGINT, set_type TEXT, weight_kg DOUBLE PRECISION, reps BIGINT,
                      rpe DOUBLE PRECISION, rir BIGINT, distance_m DOUBLE PRECISION, duration_s DOUBLE PRECISION, notes TEXT)
            JOIN workout_exercises e ON e.session_id = \(sessionID) AND e.position = x.exercise_position
            ORDER BY x.exercise_position, x.position
            """, logger: logger)
        return sessionID
    }

    /// The sessions with these ids (of any user; callers filter by user first), in the order of `ids`.
    static func fetchWorkouts(_ conn: PostgresConnection, ids: [Int64], logger: Logger) async throws -> [StoredWorkout] {
        guard !ids.isEmpty else { return [] }
        var sessions: [Int64: (user: String, workout: NewWorkout, created: Double)] = [:]
        for try await (id, user, title, started, ended, notes, source, created) in try await conn.query("""
            SELECT id, user_id, title, started_at, ended_at, notes, source, created_at FROM workout_sessions WHERE id = ANY(\(ids))
            """, logger: logger).decode((Int64, String, String?, Double, Double?, String?, String, Double).self) {
            sessions[id] = (user, NewWorkout(title: title, startedAt: Date(timeIntervalSince1970: started),
                                             endedAt: ended.map(Date.init(timeIntervalSince1970:)), notes: notes,
                                             source: WorkoutSource(rawValue: source) ?? .api, exercises: []), created)
        }
        var place: [Int64: (session: Int64, index: Int)] = [:]
        for try await (id, session, name, ref, canonical, notes) in try await conn.query("""
            SELECT id, session_id, name, exercise_ref, canonical_name, notes FROM workout_exercises
            WHERE session_id = ANY(\(ids)) ORDER BY session_id, position
            """, logger: logger).decode((Int64, Int64, String, String?, String?, String?).self) {
            place[id] = (session, sessions[session]?.workout.exercises.count ?? 0)
            sessions[session]?.workout.exercises.append(WorkoutExercise(name: name, exerciseID: ref, canonicalName: canonical, notes: notes, sets: []))
        }
        for try await (exercise, type, weight, reps, rpe, rir, distance, duration, notes) in try await conn.query("""
            SELECT s.exercise_id, s.set_type, s.weight_kg, s.reps, s.rpe, s.rir, s.distance_m, s.duration_s, s.notes
            FROM workout_sets s JOIN workout_exercises e ON s.exercise_id = e.id
            WHERE e.session_id = ANY(\(ids)) ORDER BY s.exercise_id, s.position
            """, logger: logger).decode((Int64, String, Double?, Int?, Double?, Int?, Double?, Double?, String?).self) {
            guard let at = place[exercise] else { continue }
            sessions[at.session]?.workout.exercises[at.index].sets.append(WorkoutSet(
                type: SetType(rawValue: type) ?? .normal, weightKg: weight, reps: reps, rpe: rpe, rir: rir,
                distanceMeters: distance, durationSeconds: duration, notes: notes))
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
