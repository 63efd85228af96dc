import Foundation
import SpotterTestSupport
import Testing
@testable import Server
@testable import SpotterApp
@testable import Store

/// `openapi.yaml` is kept true: every route the routers register is in it and nothing else, and
/// live responses match its schemas (issue #15, "make it systematic").
@Suite struct OpenAPIConformanceTests {
    static func document() throws -> OpenAPIDocument {
        try OpenAPIDocument(contentsOf: repositoryRoot().appendingPathComponent("openapi.yaml"))
    }

    @Test func routes_registeredByTheRouters_areExactlyTheDocumentedOperations() async throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try SpotterStore.open(directory: URL(fileURLWithPath: dir))
        let server = SpotterServer(configuration: ServerConfiguration(socketPath: dir + "/s.sock"), context: ServerContext(store: store))
        let registered = Set((server.buildRouter().routes + server.buildAdminRouter().routes).map {
            OpenAPIDocument.Operation(method: $0.method.rawValue, path: OpenAPIDocument.templatePath($0.path.description))
        })
        let documented = try Self.document().operations
        #expect(registered.count >= 20)
        #expect(registered.subtracting(documented).isEmpty, "served but not in openapi.yaml: \(registered.subtracting(documented).sorted { $0.description < $1.description })")
        #expect(documented.subtracting(registered).isEmpty, "in openapi.yaml but not served: \(documented.subtracting(registered).sorted { $0.description < $1.description })")
    }

    @Test func openAPIJSON_servesTheDocument_andAnswers503WithoutIt() async throws {
        let document = try Self.document()
        try await withDaemon(context: { $0.openAPI = document }) { client, _ in
            let r = try await client.send("GET", "/openapi.json")
            #expect(r.status == 200)
            #expect(r.headers["content-type"]?.hasPrefix("application/json") == true)
            let paths = try #require(r.object["paths"] as? [String: Any])
            #expect(paths["/v1/chat"] != nil)
            #expect(r.object["openapi"] as? String == "3.1.0")
        }
        try await withDaemon { client, _ in
            let r = try await client.send("GET", "/openapi.json")
            #expect(r.status == 503)
            #expect(try r.errorShape().code == "unavailable")
        }
    }

    @Test func documentParser_rejectsAFileThatIsNotOpenAPI() {
        #expect(throws: ServerError.self) { try OpenAPIDocument(yaml: "title: not an api\n") }
        #expect(throws: ServerError.self) { try OpenAPIDocument(yaml: "openapi: [unclosed\n") }
    }

    @Test func validator_catchesAResponseThatBreaksTheContract() throws {
        let validator = try OpenAPISchemaValidator(json: try Self.document().json)
        let schema = try #require(validator.responseSchema("GET", "/v1/health", status: 200))
        #expect(validator.problems(["status": "ok"], schema).contains("$.version is required"))
        let wrongType: [String: Any] = ["status": "ok", "version": 1, "uptime_seconds": 1.0,
                                        "database": ["engine": "sqlite", "location": "x", "schema_version": 1], "capabilities": [:] as [String: Any]]
        #expect(validator.problems(wrongType, schema).count == 1)
        let error = try #require(validator.responseSchema("GET", "/v1/users/{user}", status: 404))
        #expect(validator.problems(["error": ["code": "x", "message": "y", "extra": 1]], error) == ["$.error.extra is not allowed"])
    }

    /// A handful of live requests, each response checked against the documented schema of its status.
    @Test func liveResponses_matchTheDocumentedSchemas() async throws {
        let document = try Self.document()
        let validator = try OpenAPISchemaValidator(json: document.json)
        try await withDaemon(context: { $0.openAPI = document }) { client, _ in
            func check(_ method: String, _ path: String, _ template: String, body: Any? = nil, expect status: Int) async throws {
                let r = body == nil ? try await client.send(method, path) : try await client.json(method, path, body!)
                #expect(r.status == status, "\(method) \(path): \(r.text)")
                let schema = try #require(validator.responseSchema(method, template, status: r.status), "\(method) \(template) documents no JSON \(r.status)")
                let value = try JSONSerialization.jsonObject(with: r.body, options: [.fragmentsAllowed])
                let problems = validator.problems(value, schema)
                #expect(problems.isEmpty, "\(method) \(path) \(r.status): \(problems)")
            }
            try await check("GET", "/v1/health", "/v1/health", expect: 200)
            try await check("GET", "/v1/users/ana", "/v1/users/{user}", expect: 404)
            try await check("PUT", "/v1/users/ana", "/v1/users/{user}",
                            body: ["age": 34, "units": "kg", "experience": "expert", "goal": "strength", "equipment": ["barbell"]], expect: 200)
            try await check("GET", "/v1/users/ana", "/v1/users/{user}", expect: 200)
            // The profile spells goals its own way (`general`, `fat_loss`): the document says so (found by schemathesis).
            try await check("PUT", "/v1/users/bo", "/v1/users/{user}", body: ["goal": "general_fitness", "experience": "novice"], expect: 200)
            try await check("PUT", "/v1/users/cy", "/v1/users/{user}", body: ["goal": "weight_loss"], expect: 200)
            let workout: [String: Any] = ["title": "Push", "started_at": "2025-09-15T07:48:00Z",
                                          "exercises": [["name": "Bench Press (Barbell)", "sets": [["weight": 80, "reps": 5, "rpe": 8]]]]]
            try await check("POST", "/v1/users/ana/workouts", "/v1/users/{user}/workouts", body: workout, expect: 201)
            try await check("POST", "/v1/users/ana/workouts", "/v1/users/{user}/workouts", body: ["exercises": []], expect: 422)
            try await check("GET", "/v1/users/ana/workouts?limit=5", "/v1/users/{user}/workouts", expect: 200)
            try await check("POST", "/v1/users/ana/checkins", "/v1/users/{user}/checkins",
                            body: ["day": "2025-09-15", "sleep_hours": 7.5, "soreness": 3], expect: 201)
            try await check("POST", "/v1/knowledge/import", "/v1/knowledge/import", body: [] as [Any], expect: 403)
            try await check("GET", "/v1/knowledge/search?q=squat", "/v1/knowledge/search", expect: 503)
            try await check("POST", "/v1/feedback", "/v1/feedback", body: ["user": "ana", "conversation": "nope", "rating": "up"], expect: 404)
        }
    }
}
