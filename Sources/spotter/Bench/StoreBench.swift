import Foundation
import Logging
import PostgresStore
import Server
import Store

extension BenchSection {
    /// Both store engines side by side, measured at the store (no socket): acknowledged workout
    /// writes/s and latency with 1 and 16 clients, on SQLite (a file, `synchronous=FULL`) and on
    /// PostgreSQL with one and two stores (two stores = two daemons' pools on one database, 16
    /// clients each); the Hevy sample import; the read of one user's history (60 sessions).
    ///
    /// PostgreSQL is `$SPOTTER_BENCH_POSTGRES_URL` when set, else a throwaway cluster from
    /// `scripts/postgres.sh start` with `PG_FSYNC=on` (commits reach the disk, as in production).
    static let store = BenchSection(name: "store", summary: "SQLite vs PostgreSQL: workout writes/s and p99 at 1/16 clients, 1/2 stores, Hevy import, history read") { options in
        try await StoreBench.run(requests: min(options.requests, 2000))
    }
}

enum StoreBench {
    static func run(requests: Int) async throws {
        var template = Array("/tmp/spt-storebench-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw ServerError("cannot create a temporary directory") }
        let dir = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sqlite = try SpotterStore.open(directory: URL(fileURLWithPath: dir))
        try await measure(engine: "sqlite", stores: [sqlite], requests: requests)
        try sqlite.close()

        var cluster: String?
        let url: String
        if let given = ProcessInfo.processInfo.environment["SPOTTER_BENCH_POSTGRES_URL"], !given.isEmpty {
            url = given
        } else {
            let started = try shell(["scripts/postgres.sh", "start"], environment: ["PG_FSYNC": "on"])
            cluster = started.components(separatedBy: "host=").last
            url = started
        }
        defer { if let cluster { _ = try? shell(["scripts/postgres.sh", "stop", cluster]) } }
        var logger = Logger(label: "spotter.bench")
        logger.logLevel = .critical
        let configuration = try PostgresStore.Configuration(url: url, password: ProcessInfo.processInfo.environment["PGPASSWORD"])
        let first = try await PostgresStore.open(configuration, logger: logger)
        let second = try await PostgresStore.open(configuration, logger: logger)
        try await measure(engine: "postgres", stores: [first, second], requests: requests)
        try await first.close()
        try await second.close()
    }

    /// Writes with 1 and 16 clients on the first store, then 16 clients on each store at once
    /// (when there are two), then the import and the history read.
    static func measure(engine: String, stores: [any RecordStore], requests: Int) async throws {
        let run = UUID().uuidString.prefix(8)
        let user = "bench-\(run)"
        try await stores[0].saveUser(UserProfile(id: user))
        let base = 1_600_000_000.0
        for concurrency in [1, 16] {
            let summary = try await BenchSection.run(requests: requests, concurrency: concurrency) { i in
                _ = try await stores[0].saveWorkout(session(at: base + Double(concurrency * 100_000 + i) * 60), user: user,
                                                    idempotencyKey: "\(concurrency)-\(i)", requestHash: "h")
            }
            print(summary.line("\(engine) workouts, 1 store", concurrency: concurrency))
        }
        if stores.count > 1 {
            let summary = try await BenchSection.run(requests: requests * stores.count, concurrency: 16 * stores.count) { i in
                let store = stores[i % stores.count]
                _ = try await store.saveWorkout(session(at: base + Double(9_000_000 + i) * 60), user: user,
                                                idempotencyKey: "both-\(i)", requestHash: "h")
            }
            print(summary.line("\(engine) workouts, \(stores.count) stores", concurrency: 16 * stores.count))
        }
        let hevy = URL(fileURLWithPath: "../shared/data/logs/hevy_export_sample.csv")
        if let csv = try? String(contentsOf: hevy, encoding: .utf8) {
            var times: [Double] = []
            for i in 0..<3 {
                try await stores[0].saveUser(UserProfile(id: "hevy-\(run)-\(i)"))
                let start = ContinuousClock.now
                let report = try await stores[0].importWorkouts(csv: csv, format: .hevy, user: "hevy-\(run)-\(i)")
                times.append((ContinuousClock.now - start).milliseconds)
                guard report.setsImported == 7211 else { throw ServerError("the Hevy import stored \(report.setsImported) sets, not 7211") }
            }
            print("\(engine) Hevy import".padding(toLength: 30, withPad: " ", startingAt: 0)
                  + String(format: "7,211 sets: best %.0f ms, median %.0f ms of 3", times.min() ?? .nan, times.sorted()[1]))
            let reads = try await BenchSection.run(requests: min(requests, 500), concurrency: 1) { _ in
                _ = try await stores[0].userHistory(user: "hevy-\(run)-0", maxSessions: 60, checkinLimit: 60)
            }
            print(reads.line("\(engine) history read (60 s.)", concurrency: 1))
        } else {
            print("\(engine) Hevy import: skipped (\(hevy.path) not found; run from the repository root)")
        }
    }

    /// A three-set squat session, as `spotter bench server` posts.
    static func session(at seconds: Double) -> NewWorkout {
        NewWorkout(title: "bench", startedAt: Date(timeIntervalSince1970: seconds), exercises: [
            WorkoutExercise(name: "Squat (Barbell)", sets: [WorkoutSet(weightKg: 100, reps: 5, rpe: 8),
                                                           WorkoutSet(weightKg: 100, reps: 5, rpe: 8.5),
                                                           WorkoutSet(weightKg: 100, reps: 5, rpe: 9)]),
        ])
    }

    /// Runs a command from the repository root and returns its trimmed output. Uses
    /// posix_spawn + waitpid with the output in a file: Foundation's `Process.waitUntilExit`
    /// never returns for `scripts/postgres.sh start` here (the server it leaves running).
    static func shell(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("spt-shell-\(UUID().uuidString.prefix(8))").path
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { strdup("\($0)=\($1)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, env) == 0 else {
            throw ServerError("cannot run \(arguments.joined(separator: " "))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else { throw ServerError("\(arguments.joined(separator: " ")) failed (status \(status))") }
        return ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
