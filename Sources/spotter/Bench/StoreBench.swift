import Foundation
import HTTPClient
import Server

extension BenchSection {
    /// Both store engines side by side, as an app sees them: `spotter serve` daemons on private
    /// sockets (the bench's own binary). SQLite has one daemon (its data directory is locked);
    /// PostgreSQL has one, then two daemons sharing one database, with the clients split
    /// between them. Measured per engine: acknowledged workout writes (`POST workouts` with an
    /// `Idempotency-Key`, three sets) with 1 and 16 clients per daemon — writes/s, p50, p99; the
    /// Hevy sample import through `POST import` (7,211 sets); and the read of that 14-month log
    /// as the app pages it (`GET /v1/users/{u}/workouts`, 20 sessions), p50 and p99.
    ///
    /// PostgreSQL is `$SPOTTER_BENCH_POSTGRES_URL` when set (password from `PGPASSWORD` or
    /// `SPOTTER_DATABASE_PASSWORD`, as for `serve`), else a throwaway cluster from
    /// `scripts/postgres.sh start` with `PG_FSYNC=on` (commits reach the disk, as in production).
    /// Without PostgreSQL installed the section measures SQLite and says why PostgreSQL is skipped.
    static let store = BenchSection(name: "store", summary: "SQLite vs PostgreSQL daemons: writes/s and p99 at 1/16 clients, 1/2 daemons, Hevy import, history read") { options in
        try await StoreBench.run(requests: min(options.requests, 4000))
    }
}

enum StoreBench {
    static func run(requests: Int) async throws {
        #if DEBUG
        print("store: a debug build; report figures from a release build (swift build -c release --product spotter)")
        #endif
        var template = Array("/tmp/spt-storebench-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw ServerError("cannot create a temporary directory") }
        let dir = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        print("store: load \(loadAverage()) before SQLite")
        let sqlite = try await BenchDaemon(directory: dir + "/sqlite", database: nil)
        let sqliteResult: EngineResult
        do {
            sqliteResult = try await measure(engine: "sqlite", daemons: [sqlite], requests: requests)
            sqlite.stop()
        } catch {
            sqlite.stop()
            throw error
        }

        var cluster: String?
        let url: String
        if let given = ProcessInfo.processInfo.environment["SPOTTER_BENCH_POSTGRES_URL"], !given.isEmpty {
            url = given
        } else {
            do {
                url = try BenchDaemon.shell(["scripts/postgres.sh", "start"], environment: ["PG_FSYNC": "on"])
                cluster = url.components(separatedBy: "host=").last
            } catch {
                print("postgres: skipped — no PostgreSQL to measure (\(error)); install Debian's postgresql package (scripts/setup.sh --tests does) or set SPOTTER_BENCH_POSTGRES_URL")
                return
            }
        }
        defer { if let cluster { _ = try? BenchDaemon.shell(["scripts/postgres.sh", "stop", cluster]) } }
        print("store: load \(loadAverage()) before PostgreSQL (\(cluster == nil ? "given URL" : "throwaway cluster, fsync on"))")
        var daemons: [BenchDaemon] = []
        defer { daemons.forEach { $0.stop() } }
        for name in ["pg1", "pg2"] { daemons.append(try await BenchDaemon(directory: dir + "/" + name, database: url)) }
        let postgresResult = try await measure(engine: "postgres", daemons: daemons, requests: requests)
        print("store: load \(loadAverage()) after")
        if let sqliteBest = sqliteResult.writes.first(where: { $0.daemons == 1 && $0.clients == 16 }),
           let postgresBest = postgresResult.writes.first(where: { $0.daemons == 2 && $0.clients == 16 }) {
            let met = postgresBest.summary.throughput >= sqliteBest.summary.throughput && postgresBest.summary.percentile(99) <= 50
            print(String(format: "store goal (2 PostgreSQL daemons × 16 clients ≥ 1 SQLite daemon × 16 clients, p99 ≤ 50 ms): %.0f vs %.0f writes/s, p99 %.1f ms: ",
                         postgresBest.summary.throughput, sqliteBest.summary.throughput, postgresBest.summary.percentile(99)) + (met ? "met" : "NOT met"))
        }
    }

    /// One engine's figures.
    struct EngineResult {
        var writes: [(daemons: Int, clients: Int, summary: LatencySummary)] = []
    }

    /// Writes with 1 and 16 clients per daemon on one daemon, then on all of them at once, then
    /// the Hevy import and the paged history read through the first daemon.
    static func measure(engine: String, daemons: [BenchDaemon], requests: Int) async throws -> EngineResult {
        let clients = daemons.map { StoreBenchClient(socket: $0.socket) }
        var result = EngineResult()
        for count in 1...daemons.count {
            for perDaemon in [1, 16] {
                let concurrency = perDaemon * count
                let tag = "\(engine)-\(count)-\(perDaemon)"
                for c in 0..<concurrency { try await clients[c % count].putUser("\(tag)-\(c)") }
                let n = (perDaemon == 1 ? max(requests / 4, 50) : requests) * count
                _ = try await BenchSection.run(requests: concurrency * 4, concurrency: concurrency) { i in  // warm-up
                    try await clients[i % concurrency % count].postWorkout(user: "\(tag)-\(i % concurrency)", index: 1_000_000 + i)
                }
                let summary = try await BenchSection.run(requests: n, concurrency: concurrency) { i in
                    let c = i % concurrency
                    try await clients[c % count].postWorkout(user: "\(tag)-\(c)", index: i)
                }
                result.writes.append((count, perDaemon, summary))
                print(summary.line("\(engine) writes, \(count) daemon\(count > 1 ? "s" : "") × \(perDaemon)", concurrency: concurrency)
                      + "  (load \(loadAverage()))")
            }
        }
        let hevy = URL(fileURLWithPath: "../shared/data/logs/hevy_export_sample.csv")
        guard let csv = try? Data(contentsOf: hevy) else {
            print("\(engine) Hevy import: skipped (\(hevy.path) not found; run from the repository root)")
            return result
        }
        var times: [Double] = []
        for run in 0..<3 {
            times.append(try await clients[0].importHevy(csv, user: "\(engine)-hevy-\(run)"))
        }
        print("\(engine) Hevy import (socket)".padding(toLength: 30, withPad: " ", startingAt: 0)
              + String(format: "7,211 sets / 335 sessions: median %.0f ms", times.sorted()[1])
              + " (runs: \(times.map { String(format: "%.0f", $0) }.joined(separator: ", ")) ms)")
        for concurrency in [1, 16] {
            let reads = try await BenchSection.run(requests: min(requests, 1000), concurrency: concurrency) { i in
                try await clients[i % daemons.count].readHistory(user: "\(engine)-hevy-0")
            }
            print(reads.line("\(engine) history page read", concurrency: concurrency) + "  (GET workouts, 20 of 335 sessions)")
        }
        return result
    }

    /// `/proc/loadavg`'s three load averages ("1.02 0.88 0.75"), as `uptime` shows them.
    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
