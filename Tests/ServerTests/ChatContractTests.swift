import Foundation
import HTTPClient
import SpotterTestSupport
import Testing
@testable import Server

/// The chat endpoints answer as `openapi.yaml` says, extension fields (`lead`, `plan`, grounding
/// `facts`) and streams included, with the real embedded model (the shared chat daemon).
@Suite(.serialized) struct ChatContractTests {
    static func validator() throws -> OpenAPISchemaValidator {
        try OpenAPISchemaValidator(json: try OpenAPIDocument(contentsOf: repositoryRoot().appendingPathComponent("openapi.yaml")).json)
    }

    static func expectConforms(_ data: Data, _ schemaName: String, _ validator: OpenAPISchemaValidator) throws -> [String: Any] {
        let value = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "not an object: \(String(decoding: data, as: UTF8.self))")
        let problems = validator.problems(value, validator.resolve("#/components/schemas/" + schemaName))
        #expect(problems.isEmpty, "\(schemaName): \(problems)")
        return value
    }

    @Test func chat_andRoute_matchTheirSchemas_withGroundingFactsLeadAndPlan() async throws {
        let daemon = try await ChatFixture.daemon()
        let validator = try Self.validator()
        let coach = try await daemon.post("/v1/chat", ["user": "ana", "message": "How heavy should I bench press next session?",
                                                       "agent": "coach", "max_tokens": 8, "temperature": 0, "seed": 7])
        #expect(coach.status == 200, "\(coach.text)")
        let answer = try Self.expectConforms(coach.body, "ChatResponse", validator)
        #expect(((answer["grounding"] as? [String: Any])?["facts"] as? [Any])?.isEmpty == false)
        #expect(answer["lead"] is String, "a bench question has a grounded lead: \(coach.text)")

        let planner = try await daemon.post("/v1/chat", ["user": "ana", "agent": "planner", "max_tokens": 8, "temperature": 0, "seed": 7,
                                                         "message": "Plan a 45-minute upper body workout"])
        #expect(planner.status == 200, "\(planner.text)")
        #expect(try Self.expectConforms(planner.body, "ChatResponse", validator)["plan"] is [String: Any])

        let route = try await daemon.post("/v1/chat/route", ["message": "Plan a 45-minute upper body workout"])
        #expect(route.status == 200)
        _ = try Self.expectConforms(route.body, "RoutingDecision", validator)
    }

    @Test func chatStream_eventsMatchMetaDeltaAndDoneSchemas() async throws {
        let daemon = try await ChatFixture.daemon()
        let validator = try Self.validator()
        let r = try await daemon.postStream("/v1/chat", ["user": "ana", "message": "How heavy should I bench press next session?",
                                                         "agent": "coach", "max_tokens": 8, "temperature": 0, "seed": 7, "stream": true])
        #expect(r.status == 200)
        #expect(r.headers.first { $0.key.lowercased() == "content-type" }?.value.hasPrefix("text/event-stream") == true)
        let names = r.events.map(\.event)
        #expect(names.first == "meta" && names.last == "done" && names.contains("delta"), "\(names)")
        for event in r.events {
            let schema = ["meta": "ChatMeta", "delta": "ChatDelta", "done": "ChatDone"][event.event]
            _ = try Self.expectConforms(Data(event.data.utf8), try #require(schema, "undocumented event \(event.event)"), validator)
        }
    }

    @Test func chatCompletions_andItsChunks_matchTheirSchemas() async throws {
        let daemon = try await ChatFixture.daemon()
        let validator = try Self.validator()
        let body: [String: Any] = ["model": "coach", "user": "ana", "max_tokens": 8, "temperature": 0, "seed": 7,
                                   "messages": [["role": "user", "content": "How heavy should I bench press next session?"]]]
        let whole = try await daemon.post("/v1/chat/completions", body)
        #expect(whole.status == 200, "\(whole.text)")
        _ = try Self.expectConforms(whole.body, "OpenAIChatCompletion", validator)

        var streamed = body
        streamed["stream"] = true
        let r = try await daemon.postStream("/v1/chat/completions", streamed)
        #expect(r.status == 200)
        let data = r.events.map(\.data)
        #expect(data.last == "[DONE]")
        for chunk in data.dropLast() { _ = try Self.expectConforms(Data(chunk.utf8), "OpenAIChatCompletionChunk", validator) }
    }
}
