import PostgresNIO
import Store

/// The PostgreSQL schema. FROZEN: a migration that has shipped is never edited; change the
/// schema by appending a migration to `migrations`. The tables mirror the SQLite schema
/// (`SpotterStore+Migrations.swift`) so that both engines hold the same records: times are
/// Unix seconds (`DOUBLE PRECISION`), weights kilograms, string lists and dictionaries JSON text.
///
/// `spotter_migrations` records each applied migration (version = its 1-based position). They
/// are applied in one transaction that first takes `pg_advisory_xact_lock(migrationLock)`: a
/// second daemon starting at the same moment waits, then finds them applied.
extension PostgresStore {
    /// The advisory lock key ("spotter" in ASCII, as a bigint).
    static let migrationLock: Int64 = 0x73_70_6f_74_74_65_72

    /// One migration: a name and its statements (each a literal: DDL takes no parameters).
    struct Migration: Sendable {
        var name: String
        var statements: [PostgresQuery]
    }

    static let migrations: [Migration] = [
        Migration(name: "v1 users, workouts, checkins, conversations, feedback, idempotency", statements: [
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                age BIGINT,
                sex TEXT,
                bodyweight_kg DOUBLE PRECISION,
                units TEXT NOT NULL DEFAULT 'kg' CHECK (units IN ('kg','lb')),
                experience TEXT,
                goal TEXT,
                days_per_week BIGINT,
                equipment TEXT NOT NULL DEFAULT '[]',
                injuries TEXT NOT NULL DEFAULT '[]',
                preferences TEXT NOT NULL DEFAULT '{}',
                created_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE TABLE workout_sessions (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                title TEXT,
                started_at DOUBLE PRECISION NOT NULL,
                ended_at DOUBLE PRECISION,
                notes TEXT,
                source TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX workout_sessions_dedupe ON workout_sessions(user_id, started_at, source)",
            "CREATE INDEX workout_sessions_newest ON workout_sessions(user_id, started_at DESC, id DESC)",
            """
            CREATE TABLE workout_exercises (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                session_id BIGINT NOT NULL REFERENCES workout_sessions(id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                name TEXT NOT NULL,
                exercise_ref TEXT,
                canonical_name TEXT,
                notes TEXT
            )
            """,
            "CREATE INDEX workout_exercises_session ON workout_exercises(session_id, position)",
            """
            CREATE TABLE workout_sets (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                exercise_id BIGINT NOT NULL REFERENCES workout_exercises(id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                set_type TEXT NOT NULL CHECK (set_type IN ('normal','warmup','failure','dropset')),
                weight_kg DOUBLE PRECISION,
                reps BIGINT,
                rpe DOUBLE PRECISION,
                rir BIGINT,
                distance_m DOUBLE PRECISION,
                duration_s DOUBLE PRECISION,
                notes TEXT
            )
            """,
            "CREATE INDEX workout_sets_exercise ON workout_sets(exercise_id, position)",
            """
            CREATE TABLE checkins (
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                day TEXT NOT NULL,
                sleep_hours DOUBLE PRECISION,
                soreness BIGINT,
                energy BIGINT,
                stress BIGINT,
                notes TEXT,
                recorded_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (user_id, day)
            )
            """,
            """
            CREATE TABLE conversations (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                title TEXT,
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
            "CREATE INDEX conversations_user ON conversations(user_id, created_at)",
            """
            CREATE TABLE messages (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role IN ('user','assistant','system')),
                content TEXT NOT NULL,
                agent TEXT,
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
            "CREATE INDEX messages_conversation ON messages(conversation_id, id)",
            """
            CREATE TABLE feedback (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                conversation_id TEXT REFERENCES conversations(id) ON DELETE CASCADE,
                message_id BIGINT REFERENCES messages(id) ON DELETE CASCADE,
                rating BIGINT NOT NULL CHECK (rating IN (-1, 0, 1)),
                comment TEXT,
                created_at DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE TABLE idempotency_keys (
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                workout_id BIGINT,
                created_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (user_id, key)
            )
            """,
        ]),
        Migration(name: "v2 knowledge_changes: the shared log of knowledge imports and removals", statements: [
            """
            CREATE TABLE knowledge_changes (
                sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('import','remove')),
                payload TEXT NOT NULL,
                recorded_at DOUBLE PRECISION NOT NULL
            )
            """,
        ]),
        Migration(name: "v3 spotter_write_workout: a workout write and its commit in one round trip", statements: [
            // The write of `WriteWorkoutStatement` (see `PostgresStore+WorkoutRows.swift`) as a
            // procedure that also ends the transaction when called on its own (`p_commit`): its
            // result row reaches the client only after COMMIT, so one round trip writes and
            // confirms. A session written while another request holds the key is rolled back here.
            // `p_units` (or NULL) is the weight unit the caller converted the request from: when
            // the user's is another, nothing is written and `out_units` says which to use.
            """
            CREATE PROCEDURE spotter_write_workout(
                p_user TEXT, p_title TEXT, p_started_at DOUBLE PRECISION, p_ended_at DOUBLE PRECISION, p_notes TEXT,
                p_source TEXT, p_now DOUBLE PRECISION, p_exercises JSONB, p_sets JSONB, p_key TEXT, p_request_hash TEXT,
                p_units TEXT, p_commit BOOLEAN,
                INOUT out_user_exists BOOLEAN DEFAULT NULL, INOUT out_units TEXT DEFAULT NULL,
                INOUT out_session_id BIGINT DEFAULT NULL, INOUT out_created_at DOUBLE PRECISION DEFAULT NULL,
                INOUT out_key_claimed BOOLEAN DEFAULT NULL)
            LANGUAGE plpgsql AS $body$
            BEGIN
                WITH owner AS (SELECT id, units FROM users WHERE id = p_user FOR KEY SHARE),
                session AS (
                    INSERT INTO workout_sessions (user_id, title, started_at, ended_at, notes, source, created_at)
                    SELECT owner.id, p_title, p_started_at, p_ended_at, p_notes, p_source, p_now FROM owner
                    WHERE p_units IS NULL OR owner.units = p_units
                    ON CONFLICT (user_id, started_at, source) DO NOTHING RETURNING id, created_at),
                exercise AS (
                    INSERT INTO workout_exercises (session_id, position, name, exercise_ref, canonical_name, notes)
                    SELECT session.id, x.position, x.name, x.exercise_ref, x.canonical_name, x.notes
                    FROM session CROSS JOIN jsonb_to_recordset(p_exercises)
                         AS x(position BIGINT, name TEXT, exercise_ref TEXT, canonical_name TEXT, notes TEXT)
                    ORDER BY x.position RETURNING id, position),
                inserted_sets AS (
                    INSERT INTO workout_sets (exercise_id, position, set_type, weight_kg, reps, rpe, rir, distance_m, duration_s, notes)
                    SELECT exercise.id, x.position, x.set_type, x.weight_kg, x.reps, x.rpe, x.rir, x.distance_m, x.duration_s, x.notes
                    FROM jsonb_to_recordset(p_sets)
                         AS x(exercise_position BIGINT, position BIGINT, set_type TEXT, weight_kg DOUBLE PRECISION, reps BIGINT,
                              rpe DOUBLE PRECISION, rir BIGINT, distance_m DOUBLE PRECISION, duration_s DOUBLE PRECISION, notes TEXT)
                    JOIN exercise ON exercise.position = x.exercise_position
                    ORDER BY x.exercise_position, x.position),
                claim AS (
                    INSERT INTO idempotency_keys (user_id, key, request_hash, workout_id, created_at)
                    SELECT p_user, p_key, p_request_hash, session.id, p_now FROM session WHERE p_key IS NOT NULL
                    ON CONFLICT (user_id, key) DO NOTHING RETURNING 1)
                SELECT EXISTS (SELECT 1 FROM owner), (SELECT units FROM owner), (SELECT id FROM session),
                       (SELECT created_at FROM session), EXISTS (SELECT 1 FROM claim)
                INTO out_user_exists, out_units, out_session_id, out_created_at, out_key_claimed;
                IF p_commit THEN
                    IF out_session_id IS NOT NULL AND p_key IS NOT NULL AND NOT out_key_claimed THEN
                        ROLLBACK;
                        out_session_id := NULL;
                        out_created_at := NULL;
                    ELSE
                        COMMIT;
                    END IF;
                END IF;
            END
            $body$
            """,
        ]),
    ]

    /// Applies the migrations not yet applied, under the advisory lock, in one transaction.
    func migrate() async throws {
        try await write { conn in
            try await conn.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: logger)
            try await conn.query("""
                CREATE TABLE IF NOT EXISTS spotter_migrations (
                    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied = Set<Int>()
            for try await version in try await conn.query("SELECT version FROM spotter_migrations", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            for (index, migration) in Self.migrations.enumerated() where !applied.contains(index + 1) {
                for statement in migration.statements { try await conn.query(statement, logger: logger) }
                try await conn.query("INSERT INTO spotter_migrations (version, name) VALUES (\(index + 1), \(migration.name))", logger: logger)
                logger.info("applied migration", metadata: ["version": "\(index + 1)", "name": "\(migration.name)"])
            }
        }
    }
}
