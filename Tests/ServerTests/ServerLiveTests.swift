import Foundation
import SpotterTestSupport
import HTTPClient
import Testing
@testable import Server
@testable import SpotterApp
@testable import Store

@Suite struct ServerLiveTests {
    @Test func health_overARealSocket_reportsStatusVersionAndDatabase() async throws {
        try await withDaemon { client, config in
            let r = try await client.send("GET", "/v1/health")
            #expect(r.status == 200)
            #expect(r.object["status"] as? String == "ok")
            #expect(r.object["version"] as? String == SpotterServer.version)
            #expect(r.object["uptime_seconds"] is Double)
            let db = try #require(r.object["database"] as? [String: Any])
            #expect(db["engine"] as? String == "sqlite")
            #expect(db["location"] as? String == config.dataDirectory.appendingPathComponent("spotter.sqlite").path)
            #expect(db["schema_version"] as? Int == 2)
            #expect(r.headers["x-request-id"]?.isEmpty == false)
        }
    }

    @Test func socket_isOwnerOnly_inAnOwnerOnlyDirectory() async throws {
        try await withDaemon { _, config in
            let socketMode = try FileManager.default.attributesOfItem(atPath: config.socketPath)[.posixPermissions] as? Int
            let dirMode = try FileManager.default.attributesOfItem(atPath: (config.socketPath as NSString).deletingLastPathComponent)[.posixPermissions] as? Int
            #expect(socketMode == 0o600)
            #expect(dirMode == 0o700)
        }
    }

    @Test func socket_withGroupMode_isGroupReadableAndDirectoryTraversable() async throws {
        try await withDaemon(configure: { $0.socketMode = 0o660 }) { _, config in
            let socketMode = try FileManager.default.attributesOfItem(atPath: config.socketPath)[.posixPermissions] as? Int
            let dirMode = try FileManager.default.attributesOfItem(atPath: (config.socketPath as NSString).deletingLastPathComponent)[.posixPermissions] as? Int
            #expect(socketMode == 0o660)
            #expect(dirMode == 0o710)
        }
    }

    @Test func startup_whenAStaleSocketFileExists_replacesIt() async throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.sock"
        try makeStaleSocket(at: path)
        #expect(FileManager.default.fileExists(atPath: path))
        try await withDaemon(configure: { $0.socketPath = path }) { client, _ in
            let status = try await client.send("GET", "/v1/health").status
            #expect(status == 200)
        }
        #expect(!FileManager.default.fileExists(atPath: path), "the socket file is removed on shutdown")
    }

    @Test func startup_whenAnotherDaemonIsLive_refusesWithAClearMessage() async throws {
        try await withDaemon { client, config in
            let second = SpotterServer(configuration: config, context: ServerContext(store: try SpotterStore.inMemory()))
            let error = await #expect(throws: ServerError.self) { try await second.run() }
            #expect(error?.message.contains("another spotter daemon is running on \(config.socketPath)") == true)
            #expect(try await client.send("GET", "/v1/health").status == 200, "the first daemon keeps serving")
        }
    }

    @Test func unknownRoute_is404_withTheErrorShape() async throws {
        try await withDaemon { client, _ in
            let r = try await client.send("GET", "/v1/nothing-here")
            #expect(r.status == 404)
            #expect(try r.errorShape().code == "not_found")
        }
    }

    @Test func wrongMethod_is405_withAllowHeader() async throws {
        try await withDaemon { client, _ in
            let r = try await client.send("DELETE", "/v1/health")
            #expect(r.status == 405)
            #expect(r.headers["allow"] == "GET")
            #expect(try r.errorShape().code == "method_not_allowed")
            let users = try await client.send("POST", "/v1/users/ana")
            #expect(users.status == 405)
            #expect(users.headers["allow"] == "DELETE, GET, PUT")
        }
    }

    @Test func malformedJSON_is400_namingTheProblem() async throws {
        try await withDaemon { client, _ in
            let r = try await client.send("PUT", "/v1/users/ana", body: Data(#"{"age": 30,"#.utf8))
            #expect(r.status == 400)
            let e = try r.errorShape()
            #expect(e.code == "invalid_request")
            #expect(e.message.contains("not valid JSON"))
        }
    }

    @Test func wrongFields_are422_namingTheField() async throws {
        try await withDaemon { client, _ in
            let type = try await client.json("PUT", "/v1/users/ana", ["age": "thirty"])
            #expect(type.status == 422)
            #expect(try type.errorShape().message.contains("age"))
            _ = try await client.json("PUT", "/v1/users/ana", ["units": "kg"])
            let missing = try await client.json("POST", "/v1/users/ana/workouts", ["exercises": [["name": "Squat", "sets": [["reps": 5]]]]])
            #expect(missing.status == 422)
            #expect(try missing.errorShape().message.contains("started_at"))
            let nested = try await client.json("POST", "/v1/users/ana/workouts",
                                               ["started_at": "2025-09-15T07:48:00Z", "exercises": [["name": "Squat", "sets": [["reps": "five"]]]]])
            #expect(nested.status == 422)
            #expect(try nested.errorShape().message.contains("exercises[0].sets[0].reps"))
            let range = try await client.json("POST", "/v1/users/ana/workouts",
                                              ["started_at": "2025-09-15T07:48:00Z", "exercises": [["name": "Squat", "sets": [["reps": 5, "rpe": 14]]]]])
            #expect(range.status == 422)
            #expect(try range.errorShape().message.contains("exercises[0].sets[0].rpe"))
        }
    }

    @Test func bodyOverTheLimit_is413() async throws {
        try await withDaemon(configure: { $0.maxBodyBytes = 1024 }) { client, _ in
            let big = Data(("{\"notes\": \"" + String(repeating: "x", count: 4096) + "\"}").utf8)
            let r = try await client.send("PUT", "/v1/users/ana", body: big)
            #expect(r.status == 413)
            #expect(try r.errorShape().code == "payload_too_large")
            #expect(try await client.json("PUT", "/v1/users/ana", ["age": 30]).status == 200, "small bodies still pass")
        }
    }

    @Test func unsupportedContentType_is415() async throws {
        try await withDaemon { client, _ in
            let r = try await client.send("PUT", "/v1/users/ana", body: Data(#"{"age": 30}"#.utf8), contentType: "text/plain")
            #expect(r.status == 415)
            #expect(try r.errorShape().code == "unsupported_media_type")
            _ = try await client.json("PUT", "/v1/users/ana", ["age": 30])
            let csvAsJSON = try await client.send("POST", "/v1/users/ana/import?format=strong", body: Data("a,b".utf8), contentType: "application/json")
            #expect(csvAsJSON.status == 415)
        }
    }

    @Test func user_roundTripsInPounds_andDeleteRemovesIt() async throws {
        try await withDaemon { client, _ in
            let put = try await client.json("PUT", "/v1/users/ana", ["units": "lb", "bodyweight": 180, "goal": "fat_loss", "equipment": ["barbell"]])
            #expect(put.status == 200)
            let get = try await client.send("GET", "/v1/users/ana")
            #expect(get.object["bodyweight"] as? Double == 180)
            #expect(get.object["goal"] as? String == "fat_loss")
            #expect(try await client.send("DELETE", "/v1/users/ana").status == 204)
            let gone = try await client.send("GET", "/v1/users/ana")
            #expect(gone.status == 404)
            #expect(try gone.errorShape().code == "not_found")
        }
    }

    @Test func postWorkout_withIdempotencyKey_retryReturnsFirstResultAndWritesNothing() async throws {
        try await withDaemon { client, _ in
            _ = try await client.json("PUT", "/v1/users/ana", ["units": "lb"])
            let body: [String: Any] = ["title": "Lower", "started_at": "2025-09-15T07:48:00Z",
                                       "exercises": [["name": "Squat (Barbell)", "sets": [["weight": 225, "reps": 5, "rpe": 8]]]]]
            let first = try await client.json("POST", "/v1/users/ana/workouts", body, headers: [("Idempotency-Key", "k-1")])
            #expect(first.status == 201)
            let retry = try await client.json("POST", "/v1/users/ana/workouts", body, headers: [("Idempotency-Key", "k-1")])
            #expect(retry.status == 201)
            #expect(retry.headers["idempotent-replayed"] == "true")
            #expect(retry.object["id"] as? Int == first.object["id"] as? Int)
            let list = try await client.send("GET", "/v1/users/ana/workouts")
            let workouts = try #require(list.object["workouts"] as? [[String: Any]])
            #expect(workouts.count == 1)
            let set = try #require(((workouts[0]["exercises"] as? [[String: Any]])?[0]["sets"] as? [[String: Any]])?[0])
            #expect(set["weight"] as? Double == 225, "weights come back in the user's units")
            var changed = body
            changed["title"] = "Upper"
            let reuse = try await client.json("POST", "/v1/users/ana/workouts", changed, headers: [("Idempotency-Key", "k-1")])
            #expect(reuse.status == 409)
            #expect(try reuse.errorShape().code == "conflict")
        }
    }

    @Test func getWorkouts_pagesNewestFirst() async throws {
        try await withDaemon { client, _ in
            _ = try await client.json("PUT", "/v1/users/ana", [:] as [String: Any])
            for day in 1...5 {
                _ = try await client.json("POST", "/v1/users/ana/workouts",
                                          ["started_at": "2025-09-0\(day)T07:00:00Z", "exercises": [["name": "Row", "sets": [["weight": 50, "reps": 10]]]]])
            }
            let page1 = try await client.send("GET", "/v1/users/ana/workouts?limit=3")
            let starts1 = (page1.object["workouts"] as? [[String: Any]])?.compactMap { $0["started_at"] as? String }
            #expect(starts1 == ["2025-09-05T07:00:00Z", "2025-09-04T07:00:00Z", "2025-09-03T07:00:00Z"])
            let cursor = try #require(page1.object["next_before"] as? Int)
            let page2 = try await client.send("GET", "/v1/users/ana/workouts?limit=3&before=\(cursor)")
            let starts2 = (page2.object["workouts"] as? [[String: Any]])?.compactMap { $0["started_at"] as? String }
            #expect(starts2 == ["2025-09-02T07:00:00Z", "2025-09-01T07:00:00Z"])
            #expect(page2.object["next_before"] == nil)
            #expect(try await client.send("GET", "/v1/users/ana/workouts?limit=abc").status == 422)
        }
    }

    @Test func checkin_isStored_andOutOfRangeIs422() async throws {
        try await withDaemon { client, _ in
            _ = try await client.json("PUT", "/v1/users/ana", [:] as [String: Any])
            let ok = try await client.json("POST", "/v1/users/ana/checkins", ["day": "2025-09-15", "sleep_hours": 5.5, "soreness": 8])
            #expect(ok.status == 201)
            #expect(ok.object["sleep_hours"] as? Double == 5.5)
            let bad = try await client.json("POST", "/v1/users/ana/checkins", ["soreness": 12])
            #expect(bad.status == 422)
            #expect(try bad.errorShape().message.contains("soreness"))
            #expect(try await client.json("POST", "/v1/users/zoe/checkins", ["soreness": 2]).status == 404)
        }
    }

    @Test func checkin_withADayThatIsNoCalendarDate_is422NamingTheDay() async throws {
        try await withDaemon { client, _ in
            _ = try await client.json("PUT", "/v1/users/ana", [:] as [String: Any])
            for day in ["2025-02-31", "2025-9-15", "yesterday"] {
                let bad = try await client.json("POST", "/v1/users/ana/checkins", ["day": day, "sleep_hours": 7])
                #expect(bad.status == 422, "\(day)")
                #expect(try bad.errorShape().message.contains("day '\(day)'"), "\(day)")
            }
            #expect(try await client.json("POST", "/v1/users/ana/checkins", ["day": "2024-02-29", "sleep_hours": 7]).status == 201)
        }
    }

    @Test func importStrong_overHTTP_reportsAndReimportAddsNothing() async throws {
        try await withDaemon { client, _ in
            _ = try await client.json("PUT", "/v1/users/ana", [:] as [String: Any])
            let csv = try sharedLog("strong_export_sample.csv")
            let first = try await client.send("POST", "/v1/users/ana/import?format=strong", body: csv, contentType: "text/csv")
            #expect(first.status == 200)
            #expect(first.object["sessions_imported"] as? Int == 15)
            #expect(first.object["sets_imported"] as? Int == 250)
            let again = try await client.send("POST", "/v1/users/ana/import?format=strong", body: csv, contentType: "text/csv")
            #expect(again.object["sets_imported"] as? Int == 0)
            #expect(again.object["sessions_already_present"] as? Int == 15)
        }
    }

    @Test func importCorruptCSV_is422NamingTheLine_andWritesNothing() async throws {
        try await withDaemon { client, _ in
            _ = try await client.json("PUT", "/v1/users/ana", [:] as [String: Any])
            var text = String(decoding: try sharedLog("strong_export_sample.csv"), as: UTF8.self)
            if !text.hasSuffix("\n") { text += "\n" }  // the export has no final newline: line 252 is ours
            text += "2025-10-09 10:00:00,\"Broken,30m,\"Row\",1,10,10,0,0,\n"
            let r = try await client.send("POST", "/v1/users/ana/import?format=strong", body: Data(text.utf8), contentType: "text/csv")
            #expect(r.status == 422)
            let e = try r.errorShape()
            #expect(e.code == "invalid_import")
            #expect(e.message.contains("line 252"))
            let list = try await client.send("GET", "/v1/users/ana/workouts")
            #expect((list.object["workouts"] as? [Any])?.isEmpty == true)
            let noFormat = try await client.send("POST", "/v1/users/ana/import?format=fitbod", body: Data("x".utf8), contentType: "text/csv")
            #expect(noFormat.status == 422)
            #expect(try noFormat.errorShape().message.contains("format"))
        }
    }

    @Test func metrics_countRequestsByRouteAndStatus() async throws {
        try await withDaemon { client, _ in
            _ = try await client.send("GET", "/v1/health")
            _ = try await client.send("GET", "/v1/nope")
            let r = try await client.send("GET", "/metrics")
            #expect(r.status == 200)
            #expect(r.headers["content-type"]?.hasPrefix("text/plain") == true)
            #expect(r.text.contains(#"spotter_http_requests_total{route="/v1/health",method="GET",status="200"}"#))
            #expect(r.text.contains(#"status="404""#))
            #expect(r.text.contains("spotter_http_request_duration_seconds_bucket"))
            #expect(r.text.contains("spotter_http_requests_in_flight"))
        }
    }
}

/// Leaves a socket file behind with nobody listening, as a crashed daemon would.
func makeStaleSocket(at path: String) throws {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        raw.copyBytes(from: bytes)
        raw[bytes.count] = 0
    }
    let rc = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    close(fd)
    guard rc == 0 else { throw ServerError("bind \(path) failed") }
}
