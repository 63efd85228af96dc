import Foundation
import SpotterTestSupport
import Testing

/// Two real `spotter serve` processes on two sockets sharing one PostgreSQL database (a
/// throwaway cluster, `ThrowawayPostgres`), as two app servers' daemons would.
@Suite(.serialized) struct SharedDatabaseTests {
    func twoDaemons(_ dir: String, database url: String) throws -> (ChildDaemon, ChildDaemon) {
        (try ChildDaemon(socket: dir + "/a.sock", dataDirectory: dir + "/a", extraArguments: ["--database", url]),
         try ChildDaemon(socket: dir + "/b.sock", dataDirectory: dir + "/b", extraArguments: ["--database", url]))
    }

    @Test func workoutWrittenThroughOneDaemon_isReadThroughTheOther_andOneKeySentToBothWritesOnce() async throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (a, b) = try twoDaemons(dir, database: try ThrowawayPostgres.createDatabase(prefix: "daemons"))
        defer { a.signal(SIGKILL); b.signal(SIGKILL) }
        try await a.client.waitUntilHealthy()
        try await b.client.waitUntilHealthy()
        #expect(try await a.client.json("PUT", "/v1/users/ana", ["units": "kg"]).status == 200)
        let posted = try await a.client.json("POST", "/v1/users/ana/workouts",
                                             ["started_at": "2025-03-01T08:00:00Z", "exercises": [["name": "Squat", "sets": [["weight": 100, "reps": 5]]]]])
        #expect(posted.status == 201)
        let read = try await b.client.send("GET", "/v1/users/ana/workouts")
        let workouts = try #require(read.object["workouts"] as? [[String: Any]])
        #expect(workouts.map { $0["started_at"] as? String } == ["2025-03-01T08:00:00Z"])

        let answers = try await withThrowingTaskGroup(of: (status: Int, replayed: Bool).self) { group in
            for i in 0..<8 {
                let client = i.isMultiple(of: 2) ? a.client : b.client
                group.addTask {
                    let body: [String: Any] = ["started_at": "2025-03-02T08:00:00Z", "exercises": [["name": "Bench", "sets": [["weight": 60, "reps": 8]]]]]
                    let r = try await client.json("POST", "/v1/users/ana/workouts", body, headers: [("Idempotency-Key", "same-key")])
                    return (r.status, r.headers["idempotent-replayed"] == "true")
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0.status == 201 }, "\(answers)")
        #expect(answers.filter { !$0.replayed }.count == 1, "one write, the rest replays: \(answers)")
        let all = try await a.client.send("GET", "/v1/users/ana/workouts")
        #expect((all.object["workouts"] as? [[String: Any]])?.count == 2)
    }

    @Test func sigkill_ofADaemonWhileClientsWrite_losesNoAcknowledgedWorkout() async throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (a, b) = try twoDaemons(dir, database: try ThrowawayPostgres.createDatabase(prefix: "kill"))
        defer { b.signal(SIGKILL) }
        try await a.client.waitUntilHealthy()
        try await b.client.waitUntilHealthy()
        #expect(try await a.client.json("PUT", "/v1/users/ana", [:] as [String: Any]).status == 200)
        let acked = await workoutsAcknowledgedUntilKilled(through: a.client) { a.signal(SIGKILL) }
        #expect(try await a.waitForExit().reason == .uncaughtSignal)
        #expect(acked.count > 10, "clients wrote before the kill")
        let stored = try await storedWorkoutStarts(of: "ana", through: b.client)
        let missing = Set(acked).subtracting(stored)
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.sorted().prefix(5))")
    }
}
