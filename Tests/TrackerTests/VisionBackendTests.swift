import Foundation
import Testing
import SpotterTestSupport
@testable import Tracker

@Suite struct VisionBackendTests {
    static let goodContent = """
        {"raw_text": "PULL DAY\\nDeadlift 140x5, 150x3, 160x1\\nBarbell Row 4x8 @ 70kg",
         "entries": [
          {"content": "Deadlift 140x5, 150x3, 160x1", "exercise": "Deadlift", "sets": 3, "reps": "1-5",
           "weight": 160, "unit": "kg", "rpe": null, "rir": null, "rest_seconds": null, "group": null, "notes": null},
          {"content": "Barbell Row 4x8 @ 70kg, 2 RIR", "exercise": "Barbell Row", "sets": 4, "reps": 8,
           "weight": null, "unit": null, "rpe": null, "rir": null, "rest_seconds": null, "group": null, "notes": null}
         ]}
        """

    func service(_ server: FakeOpenAIServer, timeout: Duration = .seconds(10)) -> TrackerService {
        TrackerService(backend: .openai(baseURL: server.baseURL, model: "fake-vlm", apiKeyEnv: nil, timeout: timeout),
                       matcher: TestExerciseMatcher())
    }

    func failure(_ reply: FakeOpenAIServer.Reply, timeout: Duration = .seconds(10)) async throws -> TrackerError {
        let server = try FakeOpenAIServer(reply: reply)
        defer { server.stop() }
        let png = try Fixtures.data("pull_day_mono.png")
        do {
            let result = try await service(server, timeout: timeout).track(imageData: png, declaredContentType: "image/png")
            Issue.record("accepted: \(result)")
            throw CancellationError()
        } catch let e as TrackerError {
            return e
        }
    }

    @Test func goodReply_isNormalisedThroughParserAndMatcher() async throws {
        let server = try FakeOpenAIServer(reply: .completion(content: Self.goodContent))
        defer { server.stop() }
        let png = try Fixtures.data("pull_day_mono.png")
        let result = try await service(server).track(imageData: png, declaredContentType: "image/png")

        #expect(result.source == .vlm)
        #expect(result.rawText.hasPrefix("PULL DAY"))
        #expect(result.entries.count == 2)
        let deadlift = result.entries[0]
        #expect(deadlift.exercise == ExerciseRef(id: "Barbell_Deadlift", name: "Barbell Deadlift", matched: true, asWritten: "Deadlift"))
        #expect(deadlift.sets == 3 && deadlift.reps == .range(min: 1, max: 5) && deadlift.weight == 160 && deadlift.unit == .kg)
        // The model left weight, unit and RIR out; the parser reads them from the line.
        let row = result.entries[1]
        #expect(row.weight == 70 && row.unit == .kg && row.rir == 2 && row.exercise.matched)

        // The request carried the image as a base64 data URL and asked for a JSON schema.
        let body = try #require(server.receivedBodies.first)
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let format = try #require(json["response_format"] as? [String: Any])
        #expect(format["type"] as? String == "json_schema")
        let text = String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
        #expect(text.contains("data:image/png;base64,\(png.base64EncodedString().prefix(40))"))
    }

    @Test func malformedJSON_isRejected502() async throws {
        let e = try await failure(.completion(content: "Sure! Here is the workout: {entries: [Deadlift"))
        #expect(e.kind == TrackerError.Kind.upstreamInvalid)
        #expect(e.message.contains("not valid JSON"))
    }

    @Test func notACompletion_isRejected502() async throws {
        let e = try await failure(.raw(status: 200, body: "<html>proxy error</html>"))
        #expect(e.kind == TrackerError.Kind.upstreamInvalid)
    }

    @Test func schemaViolation_wrongTypeOrRange_isRejected502NamingTheField() async throws {
        let wrongType = try await failure(.completion(content: """
            {"raw_text": "", "entries": [{"content": "Squat", "exercise": "Squat", "sets": "three", "reps": 5}]}
            """))
        #expect(wrongType.kind == TrackerError.Kind.upstreamInvalid)
        #expect(wrongType.message.contains("entries[0].sets"))

        let outOfRange = try await failure(.completion(content: """
            {"raw_text": "", "entries": [{"content": "Squat", "exercise": "Squat", "sets": 3, "reps": 5, "weight": 99999}]}
            """))
        #expect(outOfRange.kind == TrackerError.Kind.upstreamInvalid)
        #expect(outOfRange.message.contains("entries[0].weight"))

        let missing = try await failure(.completion(content: #"{"raw_text": "", "items": []}"#))
        #expect(missing.kind == TrackerError.Kind.upstreamInvalid)
        #expect(missing.message.contains("'entries'"))
    }

    @Test func upstreamHTTPError_isRejected502() async throws {
        let e = try await failure(.raw(status: 500, body: #"{"error": "boom"}"#))
        #expect(e.kind == TrackerError.Kind.upstreamInvalid)
        #expect(e.message.contains("HTTP 500"))
    }

    @Test func slowServer_pastDeadline_isTimeout504() async throws {
        let e = try await failure(.stall(seconds: 4), timeout: .seconds(1))
        #expect(e.kind == TrackerError.Kind.timedOut)
    }

    @Test func unreachableServer_is503() async throws {
        let server = try FakeOpenAIServer(reply: .raw(status: 200, body: ""))
        let url = server.baseURL
        server.stop()
        let svc = TrackerService(backend: .openai(baseURL: url, model: "m", apiKeyEnv: nil, timeout: .seconds(5)))
        await #expect(throws: TrackerError.self) {
            _ = try await svc.track(imageData: try Fixtures.data("pull_day_mono.png"), declaredContentType: nil)
        }
    }
}
