import Foundation
import HTTPClient
import Server

/// The requests `spotter bench store` sends to one daemon, as an app would: over keep-alive
/// connections (an app server's HTTP client keeps them), each request checking its status and
/// throwing on anything else, so that a failed write is never counted as one.
struct StoreBenchClient: Sendable {
    let socket: String
    let client = CurlHTTPClient(reusingConnections: true)

    func send(_ method: String, _ path: String, _ body: Data? = nil, headers: [(name: String, value: String)] = []) async throws -> HTTPResponse {
        try await client.send(HTTPRequest(method: method, url: "http://localhost" + path,
                                          headers: headers, body: body, unixSocket: socket))
    }

    func putUser(_ user: String) async throws {
        let r = try await send("PUT", "/v1/users/\(user)", Data(#"{"units":"kg"}"#.utf8), headers: [("Content-Type", "application/json")])
        guard r.status == 200 || r.status == 201 else { throw ServerError("PUT user answered \(r.status): \(r.text.prefix(200))") }
    }

    /// A three-set squat session starting `index` minutes after 2020-09-13, with an
    /// `Idempotency-Key`; 201 expected.
    func postWorkout(user: String, index: Int) async throws {
        // The format style, not a new ISO8601DateFormatter per request: building one (ICU) cost
        // the load generator a tenth of the machine's CPU, taken from the daemons it measures.
        let start = Date(timeIntervalSince1970: Double(1_600_000_000 + index * 60)).formatted(.iso8601)
        let body = #"{"started_at":"\#(start)","exercises":[{"name":"Squat (Barbell)","sets":[{"weight":100,"reps":5,"rpe":8},{"weight":100,"reps":5,"rpe":8.5},{"weight":100,"reps":5,"rpe":9}]}]}"#
        let r = try await send("POST", "/v1/users/\(user)/workouts", Data(body.utf8),
                               headers: [("Content-Type", "application/json"), ("Idempotency-Key", "bench-\(user)-\(index)")])
        guard r.status == 201 else { throw ServerError("POST workouts answered \(r.status): \(r.text.prefix(200))") }
    }

    /// Creates `user` and imports the Hevy CSV; returns the import's latency in milliseconds.
    func importHevy(_ csv: Data, user: String) async throws -> Double {
        try await putUser(user)
        let start = ContinuousClock.now
        let r = try await send("POST", "/v1/users/\(user)/import?format=hevy", csv, headers: [("Content-Type", "text/csv")])
        let elapsed = (ContinuousClock.now - start).milliseconds
        guard r.status == 200, r.text.contains(#""sets_imported":7211"#) else { throw ServerError("import answered \(r.status): \(r.text.prefix(200))") }
        return elapsed
    }

    /// The first page of the user's history (20 newest sessions), as the app reads it.
    func readHistory(user: String) async throws {
        let r = try await send("GET", "/v1/users/\(user)/workouts")
        guard r.status == 200 else { throw ServerError("GET workouts answered \(r.status): \(r.text.prefix(200))") }
    }
}
