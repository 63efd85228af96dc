import Foundation
import HTTPClient
import Server
import Store

extension BenchSection {
    /// Socket round trips against a private daemon: `GET /v1/health` and `POST workouts` with 1
    /// and 16 concurrent clients (each client sends its requests one after another; latency is
    /// measured at the client and includes libcurl's per-request thread), then the Hevy sample
    /// import (7,211 sets) over the socket.
    static let server = BenchSection(name: "server", summary: "socket latency/throughput, Hevy import") { options in
        var template = Array("/tmp/spt-bench-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw ServerError("cannot create a temporary directory") }
        let dir = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let configuration = ServerConfiguration(socketPath: dir + "/s.sock", dataDirectory: URL(fileURLWithPath: dir + "/data"),
                                                handlesSignals: false, logLevel: .critical)
        let store = try SpotterStore.open(directory: configuration.dataDirectory)
        let server = SpotterServer(configuration: configuration, context: ServerContext(store: store))
        let socket = configuration.socketPath
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            try await waitUntilHealthy(socket)
            try await measureServer(socket: socket, requests: options.requests)
            group.cancelAll()
        }
    }

    private static func measureServer(socket: String, requests: Int) async throws {
        let client = CurlHTTPClient()
        @Sendable func send(_ method: String, _ path: String, _ body: Data? = nil, type: String = "application/json") async throws -> HTTPResponse {
            try await client.send(HTTPRequest(method: method, url: "http://localhost" + path,
                                              headers: body == nil ? [] : [("Content-Type", type)], body: body, unixSocket: socket))
        }
        _ = try await send("PUT", "/v1/users/bench", Data(#"{"units":"kg"}"#.utf8))
        for concurrency in [1, 16] {
            _ = try await run(requests: 200, concurrency: concurrency) { _ in _ = try await send("GET", "/v1/health") }  // warm-up
            let health = try await run(requests: requests, concurrency: concurrency) { _ in
                let r = try await send("GET", "/v1/health")
                guard r.status == 200 else { throw ServerError("health answered \(r.status)") }
            }
            print(health.line("GET /v1/health", concurrency: concurrency))
            let workouts = try await run(requests: requests, concurrency: concurrency) { i in
                let n = concurrency * 100_000 + i  // a distinct start time per workout (within DateBounds: before 2100)
                let body = #"{"started_at":"\#(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(1_600_000_000 + n * 60))))","exercises":[{"name":"Squat (Barbell)","sets":[{"weight":100,"reps":5,"rpe":8},{"weight":100,"reps":5,"rpe":8.5},{"weight":100,"reps":5,"rpe":9}]}]}"#
                let r = try await send("POST", "/v1/users/bench/workouts", Data(body.utf8))
                guard r.status == 201 else { throw ServerError("POST workouts answered \(r.status): \(r.text)") }
            }
            print(workouts.line("POST /v1/users/{u}/workouts", concurrency: concurrency))
        }
        let hevyPath = URL(fileURLWithPath: "../shared/data/logs/hevy_export_sample.csv")
        guard let csv = try? Data(contentsOf: hevyPath) else {
            print("hevy import: skipped (\(hevyPath.path) not found; run from the repository root)")
            return
        }
        var times: [Duration] = []
        for run in 0..<3 {
            _ = try await send("PUT", "/v1/users/hevy\(run)", Data("{}".utf8))
            let start = ContinuousClock.now
            let r = try await send("POST", "/v1/users/hevy\(run)/import?format=hevy", csv, type: "text/csv")
            times.append(ContinuousClock.now - start)
            guard r.status == 200, r.text.contains(#""sets_imported":7211"#) else { throw ServerError("import answered \(r.status): \(r.text.prefix(200))") }
        }
        print("Hevy import (socket)".padding(toLength: 30, withPad: " ", startingAt: 0)
              + String(format: "7,211 sets / 335 sessions: median %.0f ms", times.sorted()[1].milliseconds)
              + " (runs: \(times.map { String(format: "%.0f", $0.milliseconds) }.joined(separator: ", ")) ms)")
        // One session of 40,000 sets: linear work (the old assembler copied the session per row:
        // ~48 s). Twice the rows should take about twice as long.
        for rows in [20_000, 40_000] {
            var text = "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"\n"
            for i in 0..<rows { text += "\"Marathon\",\"15 Sep 2025, 07:48\",\"15 Sep 2025, 09:13\",\"\",\"Squat (Barbell)\",,\"\",\(i),\"normal\",100,5,,0,8\n" }
            _ = try await send("PUT", "/v1/users/big\(rows)", Data("{}".utf8))
            let start = ContinuousClock.now
            let r = try await send("POST", "/v1/users/big\(rows)/import?format=hevy", Data(text.utf8), type: "text/csv")
            let elapsed = ContinuousClock.now - start
            guard r.status == 200, r.text.contains(#""sets_imported":\#(rows)"#) else { throw ServerError("import answered \(r.status): \(r.text.prefix(200))") }
            print("Hevy import, one session".padding(toLength: 30, withPad: " ", startingAt: 0)
                  + String(format: "%d sets: %.0f ms (%.1f µs per set)", rows, elapsed.milliseconds, elapsed.milliseconds * 1000 / Double(rows)))
        }
    }

    /// Runs `requests` calls of `body` spread over `concurrency` sequential clients.
    static func run(requests: Int, concurrency: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws -> LatencySummary {
        let start = ContinuousClock.now
        let samples = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for c in 0..<concurrency {
                group.addTask {
                    var mine: [Duration] = []
                    for i in stride(from: c, to: requests, by: concurrency) {
                        let t = ContinuousClock.now
                        try await body(i)
                        mine.append(ContinuousClock.now - t)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        return LatencySummary(samples: samples, wall: ContinuousClock.now - start)
    }

    private static func waitUntilHealthy(_ socket: String) async throws {
        for _ in 0..<600 {
            if let r = try? await CurlHTTPClient().send(HTTPRequest(url: "http://localhost/v1/health", unixSocket: socket, connectTimeout: .seconds(1))),
               r.status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ServerError("the bench daemon did not start on \(socket)")
    }
}
