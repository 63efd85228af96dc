import GRDB

/// The schema. FROZEN: a migration that has shipped is never edited; change the schema by
/// appending a new `registerMigration` at the end.
///
/// Times are stored as REAL Unix seconds; weights as REAL kilograms; string lists and
/// dictionaries as JSON text.
extension SpotterStore {
    static let migrator: DatabaseMigrator = {
        var m = DatabaseMigrator()
        m.registerMigration("v1 users, workouts, checkins, conversations, feedback, idempotency") { db in
            try db.execute(sql: """
                CREATE TABLE users (
                    id TEXT PRIMARY KEY NOT NULL,
                    age INTEGER,
                    sex TEXT,
                    bodyweight_kg REAL,
                    units TEXT NOT NULL DEFAULT 'kg' CHECK (units IN ('kg','lb')),
                    experience TEXT,
                    goal TEXT,
                    days_per_week INTEGER,
                    equipment TEXT NOT NULL DEFAULT '[]',
                    injuries TEXT NOT NULL DEFAULT '[]',
                    preferences TEXT NOT NULL DEFAULT '{}',
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE TABLE workout_sessions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    title TEXT,
                    started_at REAL NOT NULL,
                    ended_at REAL,
                    notes TEXT,
                    source TEXT NOT NULL,
                    created_at REAL NOT NULL
                );
                CREATE UNIQUE INDEX workout_sessions_dedupe ON workout_sessions(user_id, started_at, source);
                CREATE TABLE workout_exercises (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    session_id INTEGER NOT NULL REFERENCES workout_sessions(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    exercise_ref TEXT,
                    canonical_name TEXT,
                    notes TEXT
                );
                CREATE INDEX workout_exercises_session ON workout_exercises(session_id, position);
                CREATE TABLE workout_sets (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    exercise_id INTEGER NOT NULL REFERENCES workout_exercises(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    set_type TEXT NOT NULL CHECK (set_type IN ('normal','warmup','failure','dropset')),
                    weight_kg REAL,
                    reps INTEGER,
                    rpe REAL,
                    rir INTEGER,
                    distance_m REAL,
                    duration_s REAL,
                    notes TEXT
                );
                CREATE INDEX workout_sets_exercise ON workout_sets(exercise_id, position);
                CREATE TABLE checkins (
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    day TEXT NOT NULL,
                    sleep_hours REAL,
                    soreness INTEGER,
                    energy INTEGER,
                    stress INTEGER,
                    notes TEXT,
                    recorded_at REAL NOT NULL,
                    PRIMARY KEY (user_id, day)
                );
                CREATE TABLE conversations (
                    id TEXT PRIMARY KEY NOT NULL,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    title TEXT,
                    created_at REAL NOT NULL
                );
                CREATE INDEX conversations_user ON conversations(user_id, created_at);
                CREATE TABLE messages (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                    role TEXT NOT NULL CHECK (role IN ('user','assistant','system')),
                    content TEXT NOT NULL,
                    agent TEXT,
                    created_at REAL NOT NULL
                );
                CREATE INDEX messages_conversation ON messages(conversation_id, id);
                CREATE TABLE feedback (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    conversation_id TEXT REFERENCES conversations(id) ON DELETE CASCADE,
                    message_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
                    rating INTEGER NOT NULL CHECK (rating IN (-1, 0, 1)),
                    comment TEXT,
                    created_at REAL NOT NULL
                );
                CREATE TABLE idempotency_keys (
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    request_hash TEXT NOT NULL,
                    workout_id INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    PRIMARY KEY (user_id, key)
                );
                """)
        }
        m.registerMigration("v2 knowledge_changes: the shared log of knowledge imports and removals") { db in
            try db.execute(sql: """
                CREATE TABLE knowledge_changes (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL CHECK (kind IN ('import','remove')),
                    payload TEXT NOT NULL,
                    recorded_at REAL NOT NULL
                );
                """)
        }
        return m
    }()
}
