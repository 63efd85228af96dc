import Foundation
import SpotterTestSupport
import Testing
@testable import Server
@testable import Store

/// SIGTERM always ends the daemon, even during a long import (issue #15 item 3).
@Suite(.serialized) struct ShutdownTests {
    @Test func sigterm_duringAHugeImport_exitsSoonAfterTheDrainTimeout_storesNothing_andReleasesTheDataDirectory() async throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let daemon = try ChildDaemon(socket: dir + "/s.sock", dataDirectory: dir + "/data",
                                     extraArguments: ["--drain-timeout", "1", "--max-upload", String(64 << 20)])
        try await daemon.client.waitUntilHealthy()
        #expect(try await daemon.client.json("PUT", "/v1/users/ana", ["units": "kg"]).status == 200)

        // 250,000 sets in one session (~25 MB): many seconds of work in a debug build.
        let csv = Data(StoreCSV.oneHevySession(rows: 250_000).utf8)
        let connection = try RawSocket(path: daemon.socket)
        let head = "POST /v1/users/ana/import?format=hevy HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nContent-Length: \(csv.count)\r\n\r\n"
        try connection.send(Data(head.utf8) + csv)
        try await Task.sleep(for: .milliseconds(1500))

        let clock = ContinuousClock()
        let signalled = clock.now
        daemon.signal(SIGTERM)
        let exit = try await daemon.waitForExit(timeout: .seconds(60))
        let took = clock.now - signalled
        #expect(exit.reason == .exit, "log: \(daemon.log.suffix(600))")
        #expect(took < .seconds(8), "SIGTERM took \(took) to end the daemon (drain timeout 1 s); the import did not observe cancellation")

        // The lock is free and nothing of the import was stored.
        let store = try SpotterStore.open(directory: URL(fileURLWithPath: daemon.dataDirectory))
        #expect(try await store.workoutCounts(user: "ana") == (0, 0))
        try store.close()
    }
}

/// Generated export files.
enum StoreCSV {
    /// A Hevy export with `rows` sets of one exercise in one session.
    static func oneHevySession(rows: Int) -> String {
        var text = "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"\n"
        text.reserveCapacity(rows * 110)
        for i in 0..<rows {
            text += "\"Marathon\",\"15 Sep 2025, 07:48\",\"15 Sep 2025, 09:13\",\"\",\"Squat (Barbell)\",,\"\",\(i),\"normal\",100,5,,0,8\n"
        }
        return text
    }
}
