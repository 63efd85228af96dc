import Foundation
import Testing
@testable import Agents

@Suite struct OpenAICompatibleWireTests {
    @Test func request_mapsModelToAgentUserAndTheLastUserMessage() throws {
        let body = #"{"model":"planner","user":"ana","temperature":0.2,"max_tokens":40,"stream":true,"messages":[{"role":"system","content":"ignored"},{"role":"user","content":"first"},{"role":"assistant","content":"a"},{"role":"user","content":"Plan my day"}]}"#
        let request = try JSONDecoder().decode(OpenAIChatCompletionRequest.self, from: Data(body.utf8)).chatRequest()
        #expect(request == ChatRequest(user: "ana", message: "Plan my day", agent: "planner", stream: true, temperature: 0.2, maxTokens: 40))
    }

    @Test func request_withoutUser_isAnInvalidRequestSayingWhatToSet() throws {
        let body = #"{"model":"auto","messages":[{"role":"user","content":"hi"}]}"#
        let parsed = try JSONDecoder().decode(OpenAIChatCompletionRequest.self, from: Data(body.utf8))
        let error = #expect(throws: AgentsError.self) { try parsed.chatRequest() }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.message.contains("`user` field") == true)
    }

    @Test func streamedAnswer_becomesOpenAIChunksWithRoleTextAndFinalUsage() async throws {
        let service = try ChatServiceTests.service(backend: RecordingBackend(reply: ["Rest ", "today."]))
        var chunks: [OpenAIChatCompletionChunk] = []
        for try await event in service.stream(ChatRequest(user: "ana", message: "tired", agent: "coach")) {
            chunks.append(OpenAIChatCompletionChunk(event, id: "x", model: "coach", created: Date()))
        }
        #expect(chunks.map(\.choices[0].delta) == [.init(role: "assistant", content: ""), .init(content: "Rest today."), .init()])
        #expect(chunks.last?.choices[0].finishReason == "stop")
        #expect(chunks.last?.usage?.totalTokens == 102)
        let json = String(decoding: try JSONEncoder().encode(chunks[1]), as: UTF8.self)
        #expect(json.contains("\"object\":\"chat.completion.chunk\""))
    }

    @Test func wholeAnswer_becomesAChatCompletionWithSpotterDetails() async throws {
        let service = try ChatServiceTests.service(backend: RecordingBackend(reply: ["Hold 50 kg."]))
        let completion = OpenAIChatCompletion(try await service.respond(to: ChatRequest(user: "ana", message: "bench?", agent: "insight")))
        #expect(completion.model == "insight")
        #expect(completion.choices.first?.message.content == "Hold 50 kg.")
        let json = String(decoding: try JSONEncoder().encode(completion), as: UTF8.self)
        for key in ["\"object\":\"chat.completion\"", "\"finish_reason\":\"stop\"", "\"total_tokens\"", "\"spotter\""] {
            #expect(json.contains(key), "missing \(key)")
        }
    }
}

@Suite struct ChatServerSentEventTests {
    @Test func deltaEvent_isNamedDeltaWithATextPayload() throws {
        let sse = try ChatStreamEvent.delta("line\none \"quoted\"").serverSentEvent()
        #expect(sse.name == "delta")
        #expect(sse.data == #"{"text":"line\none \"quoted\""}"#)
        #expect(!sse.data.contains("\n"), "an SSE data line must not contain a raw newline")
    }

}
