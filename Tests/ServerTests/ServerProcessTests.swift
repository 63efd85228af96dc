import Foundation
import SpotterTestSupport
import HTTPClient
import Synchronization
import Testing
@testable import Server
@testable import SpotterApp
@testable import Store

/// Signals and crashes against the real `spotter serve` binary.
@Suite(.serialized) struct ServerProcessTests {
    @Test func sigterm_whileASlowRequestIsInFlight_letsItFinish_exitsZero_andRemovesTheSocket() async throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let daemon = try ChildDaemon(socket: dir + "/s.sock", dataDirectory: dir + "/data", extraArguments: ["--drain-timeout", "20"])
        try await daemon.client.waitUntilHealthy()
        #expect(try await daemon.client.json("PUT", "/v1/users/ana", ["units": "kg"]).status == 200)

        // A slow client: headers and half the CSV now, the rest after SIGTERM.
        let csv = try sharedLog("strong_export_sample.csv")
        let connection = try RawSocket(path: daemon.socket)
        let head = "POST /v1/users/ana/import?format=strong HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nContent-Length: \(csv.count)\r\nConnection: close\r\n\r\n"
        try connection.send(Data(head.utf8) + csv.prefix(csv.count / 2))
        try await Task.sleep(for: .milliseconds(300))
        daemon.signal(SIGTERM)
        try await Task.sleep(for: .milliseconds(500))
        #expect(daemon.process.isRunning, "the daemon waits for the in-flight request")
        try connection.send(csv.suffix(from: csv.count / 2))
        let response = String(decoding: connection.readToEnd(), as: UTF8.self)
        #expect(response.hasPrefix("HTTP/1.1 200"), "\(response.prefix(300))")
        #expect(response.contains(#""sets_imported":250"#))

        let exit = try await daemon.waitForExit()
        #expect(exit.reason == .exit)
        #expect(exit.status == 0, "log: \(daemon.log)")
        #expect(!FileManager.default.fileExists(atPath: daemon.socket))
        let store = try SpotterStore.open(directory: URL(fileURLWithPath: daemon.dataDirectory))
        #expect(try await store.workoutCounts(user: "ana") == (15, 250), "the acknowledged import is on disk")
    }

    @Test func sigkill_whileClientsWrite_everyAcknowledgedWorkoutSurvives_andIntegrityIsOK() async throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let socket = dir + "/s.sock", data = dir + "/data"
        let daemon = try ChildDaemon(socket: socket, dataDirectory: data)
        try await daemon.client.waitUntilHealthy()
        #expect(try await daemon.client.json("PUT", "/v1/users/ana", [:] as [String: Any]).status == 200)

        let acked = await workoutsAcknowledgedUntilKilled(through: daemon.client) { daemon.signal(SIGKILL) }
        let exit = try await daemon.waitForExit()
        #expect(exit.reason == .uncaughtSignal)
        #expect(acked.count > 10, "clients wrote before the kill")

        // Restart on the same data and socket (the stale socket file is replaced).
        let again = try ChildDaemon(socket: socket, dataDirectory: data)
        try await again.client.waitUntilHealthy()
        let stored = try await storedWorkoutStarts(of: "ana", through: again.client)
        let missing = Set(acked).subtracting(stored)
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.sorted().prefix(5))")
        again.signal(SIGTERM)
        #expect(try await again.waitForExit().status == 0)
        let store = try SpotterStore.open(directory: URL(fileURLWithPath: data))
        #expect(try await store.integrityCheck() == "ok")
    }
}

/// What the writers of the durability tests share.
final class WriterState: Sendable {
    let acknowledged = Mutex<[String]>([])
    let killed = Atomic<Bool>(false)
}

/// Four clients log workouts for `ana` through `client` until `kill` has run (1.5 s in); returns
/// the start times of the workouts the daemon acknowledged with 201.
func workoutsAcknowledgedUntilKilled(through client: SocketClient, kill: @escaping @Sendable () -> Void) async -> [String] {
    let state = WriterState()
    await withTaskGroup(of: Void.self) { group in
        for writer in 0..<4 {
            group.addTask {
                var i = 0
                while !state.killed.load(ordering: .relaxed) {
                    let start = String(format: "2025-01-%02dT%02d:%02d:%02dZ", writer + 1, i / 3600 % 24, i / 60 % 60, i % 60)
                    i += 1
                    guard let r = try? await client.json("POST", "/v1/users/ana/workouts",
                                                         ["started_at": start, "exercises": [["name": "Squat", "sets": [["weight": 100, "reps": 5]]]]])
                    else { break }
                    if r.status == 201 { state.acknowledged.withLock { $0.append(start) } }
                }
            }
        }
        group.addTask {
            try? await Task.sleep(for: .milliseconds(1500))
            kill()
            state.killed.store(true, ordering: .relaxed)
        }
    }
    return state.acknowledged.withLock { $0 }
}

/// The `started_at` of every stored workout of `user`, read page by page through `client`.
func storedWorkoutStarts(of user: String, through client: SocketClient) async throws -> Set<String> {
    var stored = Set<String>()
    var cursor: Int?
    repeat {
        let r = try await client.send("GET", "/v1/users/\(user)/workouts?limit=200" + (cursor.map { "&before=\($0)" } ?? ""))
        for w in (r.object["workouts"] as? [[String: Any]]) ?? [] { if let s = w["started_at"] as? String { stored.insert(s) } }
        cursor = r.object["next_before"] as? Int
    } while cursor != nil
    return stored
}
