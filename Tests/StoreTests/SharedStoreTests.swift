import Foundation
import PostgresNIO
import Synchronization
import Vocabulary
import SpotterTestSupport
import Testing
@testable import PostgresStore
@testable import Store

/// Guarantees that matter when several daemons share one database: concurrent retries,
/// atomic imports and migrations applied once. PostgreSQL tests open several `PostgresStore`s
/// (as several daemons would) on one throwaway database.
@Suite struct SharedStoreTests {
    /// Stores on one fresh database: two for PostgreSQL (as two daemons), the same one twice for
    /// SQLite (one file has one daemon: its data directory is locked).
    func twoStores(_ engine: Engine) async throws -> (any RecordStore, any RecordStore) {
        switch engine {
        case .sqlite:
            let store = try await engine.openStore()
            return (store, store)
        case .postgres:
            let url = try ThrowawayPostgres.createDatabase(prefix: "shared")
            return (try await PostgresStore.open(engine.postgresConfiguration(url: url)),
                    try await PostgresStore.open(engine.postgresConfiguration(url: url)))
        }
    }

    @Test(arguments: Engine.allCases) func saveWorkout_sameKeyFromTwoStoresAtOnce_writesOnce(engine: Engine) async throws {
        let (a, b) = try await twoStores(engine)
        try await a.saveUser(UserProfile(id: "ana"))
        let results = try await withThrowingTaskGroup(of: SavedWorkout.self) { group in
            for i in 0..<16 {
                let store = i.isMultiple(of: 2) ? a : b
                group.addTask { try await store.saveWorkout(workout(at: 5_000), user: "ana", idempotencyKey: "retry-1", requestHash: "h") }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { !$0.replayed }.count == 1)
        #expect(Set(results.map(\.workout.id)).count == 1)
        #expect(try await b.workoutCounts(user: "ana") == (1, 1))
    }

    @Test(arguments: Engine.allCases) func saveWorkout_sameKeyDifferentBodiesAtOnce_writesOneAndRefusesTheOther(engine: Engine) async throws {
        let (a, b) = try await twoStores(engine)
        try await a.saveUser(UserProfile(id: "ana"))
        func attempt(_ store: any RecordStore, at seconds: Double, hash: String) async -> StoreError.Kind? {
            do {
                _ = try await store.saveWorkout(workout(at: seconds), user: "ana", idempotencyKey: "k", requestHash: hash)
                return nil
            } catch {
                return (error as? StoreError)?.kind ?? .database
            }
        }
        async let first = attempt(a, at: 1_000, hash: "h1")
        async let second = attempt(b, at: 2_000, hash: "h2")
        let failures = await [first, second].compactMap { $0 }
        #expect(failures == [StoreError.Kind.conflict])
        #expect(try await a.workoutCounts(user: "ana").sessions == 1)
    }

    @Test(arguments: Engine.allCases) func workout_writtenThroughOne_isReadThroughTheOther(engine: Engine) async throws {
        let (a, b) = try await twoStores(engine)
        try await a.saveUser(UserProfile(id: "ana", units: .lb))
        let saved = try await a.saveWorkout(workout(at: 7_000), user: "ana")
        #expect(try await b.user(id: "ana")?.units == .lb)
        #expect(try await b.recentWorkouts(user: "ana") == [saved.workout])
        let history = try #require(try await b.userHistory(user: "ana", maxSessions: 10, checkinLimit: 5))
        #expect(history.workouts == [saved.workout])
    }

    /// A write built from a request in the user's unit uses the unit as it is when the write
    /// commits, also when it was changed through another daemon since this one last wrote
    /// (PostgreSQL's one-round-trip write converts again and writes once).
    @Test(arguments: Engine.allCases) func saveWorkoutBuilding_afterTheUnitChangedThroughTheOther_convertsWithTheNewUnit(engine: Engine) async throws {
        let (a, b) = try await twoStores(engine)
        try await a.saveUser(UserProfile(id: "ana", units: .lb))
        let built = Mutex<[WeightUnit]>([])
        func post(_ store: any RecordStore, at seconds: Double, user: String = "ana") async throws -> (saved: SavedWorkout, units: WeightUnit) {
            try await store.saveWorkout(user: user, idempotencyKey: nil, requestHash: "h\(seconds)") { units in
                built.withLock { $0.append(units) }
                return workout(at: seconds, sets: [WorkoutSet(weightKg: units.toKilograms(100), reps: 5)])
            }
        }
        let first = try await post(a, at: 1_000)
        #expect(first.units == .lb)
        #expect(first.saved.workout.workout.exercises[0].sets[0].weightKg == WeightUnit.lb.toKilograms(100))
        try await b.saveUser(UserProfile(id: "ana", units: .kg))
        let second = try await post(a, at: 2_000)
        #expect(second.units == .kg)
        #expect(second.saved.workout.workout.exercises[0].sets[0].weightKg == 100)
        #expect(built.withLock { $0 }.last == .kg)
        #expect(try await b.workoutCounts(user: "ana") == (2, 2))
        #expect(try await storedText(b, "SELECT weight_kg FROM workout_sets ORDER BY id").map { $0.flatMap(Double.init) }
                == [WeightUnit.lb.toKilograms(100), 100])
        await #expect(throws: StoreError.self) { _ = try await post(a, at: 3_000, user: "zoe") }
    }

    @Test func migrations_fromTwoStoresAtOnce_applyOnce() async throws {
        let url = try ThrowawayPostgres.createDatabase(prefix: "migrate")
        let configuration = try Engine.postgres.postgresConfiguration(url: url)
        async let a = PostgresStore.open(configuration)
        async let b = PostgresStore.open(configuration)
        let (first, second) = try await (a, b)
        #expect(try await first.schemaVersion() == PostgresStore.migrations.count)
        #expect(try await second.schemaVersion() == PostgresStore.migrations.count)
        let database = String(try #require(URLComponents(string: url)?.path.dropFirst()))
        #expect(try ThrowawayPostgres.psql(database: database, "SELECT count(*) FROM spotter_migrations") == "\(PostgresStore.migrations.count)\n")
        try await first.close()
        try await second.close()
    }

    /// The import is blocked half-way (another transaction holds one of its sessions' unique
    /// key), cancelled there, and then unblocked: the sessions it had already written are rolled
    /// back with it.
    @Test func import_cancelledHalfWay_storesNothing() async throws {
        let url = try ThrowawayPostgres.createDatabase(prefix: "atomic")
        let database = String(try #require(URLComponents(string: url)?.path.dropFirst()))
        let store = try await PostgresStore.open(Engine.postgres.postgresConfiguration(url: url))
        let blocker = try await PostgresStore.open(Engine.postgres.postgresConfiguration(url: url))
        try await store.saveUser(UserProfile(id: "ana"))
        let csv = try sharedLog("hevy_export_sample.csv")
        let prepared = try PreparedImport(csv: csv, format: .hevy, units: .kg, resolver: nil, timeZone: TimeZone(identifier: "UTC")!)
        let middle = prepared.workouts[prepared.workouts.count / 2]
        try await blocker.client.withConnection { conn in
            try await conn.query("BEGIN", logger: blocker.logger)
            _ = try await PostgresStore.insertWorkout(conn, middle, user: "ana", logger: blocker.logger)
            let importing = Task { try await store.importWorkouts(csv: csv, format: .hevy, user: "ana") }
            let waiting = await waitUntil(seconds: 60) {
                (try? ThrowawayPostgres.psql(database: database,
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")) == "1\n"
            }
            #expect(waiting, "the import reached the blocked session")
            importing.cancel()
            try await conn.query("ROLLBACK", logger: blocker.logger)
            await #expect(throws: (any Error).self) { try await importing.value }
        }
        #expect(try await store.workoutCounts(user: "ana") == (0, 0))
        try await store.close()
        try await blocker.close()
    }

    @Test func configuration_refusesAPasswordInTheURL_andNeverShowsOne() throws {
        let error = #expect(throws: StoreError.self) { _ = try PostgresStore.Configuration(url: "postgres://spotter:hunter2@db.internal/spotter") }
        #expect(error?.message.contains("hunter2") == false)
        #expect(error?.message.contains("SPOTTER_DATABASE_PASSWORD") == true)
        let tcp = try PostgresStore.Configuration(url: "postgres://spotter@db.internal:6432/coach", password: "hunter2")
        #expect(tcp.host == "db.internal" && tcp.port == 6432 && tcp.database == "coach" && tcp.sslMode == "prefer")
        #expect(tcp.redactedURL == "postgres://spotter@db.internal:6432/coach")
        let socket = try PostgresStore.Configuration(url: "postgres://spotter@/coach?host=/run/postgresql")
        #expect(socket.host == nil && socket.socketDirectory == "/run/postgresql" && socket.sslMode == "disable")
        #expect(socket.redactedURL == "postgres://spotter@/coach?host=/run/postgresql")
        #expect(throws: StoreError.self) { _ = try PostgresStore.Configuration(url: "postgres://spotter@db/coach?sslmode=maybe") }
        #expect(throws: StoreError.self) { _ = try PostgresStore.Configuration(url: "mysql://spotter@db/coach") }
    }
}
