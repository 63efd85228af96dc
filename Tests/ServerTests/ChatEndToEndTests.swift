import Foundation
import HTTPClient
import Testing
@testable import Server
@testable import SpotterApp

/// Chat through a real socket with the real embedded SmolLM2 model (greedy, 16 tokens), on one
/// shared daemon. Serialized: the daemon runs one generation at a time with one waiting, so
/// tests running side by side would turn each other away with 503.
@Suite(.serialized)
struct ChatEndToEndTests {
    static let agents = ["insight", "planner", "coach"]

    @Test(arguments: agents)
    func chat_forEachAgent_answersInJSONAndStreamsTheSameReply(agent: String) async throws {
        let daemon = try await ChatFixture.daemon()
        let request: [String: Any] = ["user": "ana", "message": "How heavy should I bench next session?", "agent": agent,
                                      "max_tokens": 16, "temperature": 0, "seed": 7]
        let plain = try await daemon.post("/v1/chat", request)
        #expect(plain.status == 200, "\(plain.text)")
        let json = plain.chatObject
        #expect(json["agent"] as? String == agent)
        let routing = try #require(json["routing"] as? [String: Any])
        #expect(routing["method"] as? String == "explicit")
        let reply = try #require(json["reply"] as? String)
        #expect(!reply.isEmpty)
        let usage = try #require(json["usage"] as? [String: Any])
        let completion = try #require(usage["completion_tokens"] as? Int)
        #expect((1...16).contains(completion))
        #expect((usage["prompt_tokens"] as? Int ?? 0) > 50)
        let timings = try #require(json["timings"] as? [String: Double])
        #expect(timings["total_ms"]! >= timings["generation_ms"]!)
        #expect(json["backend"] as? String == "embedded")
        // The check-in of this user (and only this user) is in the grounding report.
        let grounding = try #require(json["grounding"] as? [String: Any])
        #expect((grounding["last_check_in"] as? [String: Any])?["date"] as? String == ChatFixture.anaDay)
        // The turn is stored in a conversation of ana's.
        let conversation = try #require(json["conversation"] as? String)
        let stored = try await daemon.store.messages(conversation: conversation, user: "ana")
        #expect(stored.map(\.role.rawValue) == ["user", "assistant"])
        #expect(stored.last?.agent == agent)

        var streamed = request
        streamed["stream"] = true
        let stream = try await daemon.postStream("/v1/chat", streamed)
        #expect(stream.status == 200)
        #expect(stream.headers.first { $0.key.lowercased() == "content-type" }?.value.hasPrefix("text/event-stream") == true)
        let names = stream.events.map(\.event)
        #expect(names.first == "meta")
        #expect(names.last == "done")
        #expect(names.dropFirst().dropLast().allSatisfy { $0 == "delta" } && names.count >= 3, "\(names)")
        let deltas = try stream.events.filter { $0.event == "delta" }.map {
            try JSONSerialization.jsonObject(with: Data($0.data.utf8)) as? [String: Any]
        }.compactMap { $0?["text"] as? String }.joined()
        let done = try #require(try JSONSerialization.jsonObject(with: Data(stream.events.last!.data.utf8)) as? [String: Any])
        let meta = try #require(try JSONSerialization.jsonObject(with: Data(stream.events.first!.data.utf8)) as? [String: Any])
        #expect(meta["agent"] as? String == agent)
        // Greedy decoding of the same prompt: the stream carries the same text as the JSON reply.
        #expect(deltas.trimmingCharacters(in: .whitespacesAndNewlines) == reply)
        #expect(done["reply"] as? String == reply)
    }

    @Test func chat_readsTheUsersHistoryOnce_andGroundsTheReplyInTheCoachingModels() async throws {
        let daemon = try await ChatFixture.daemon()
        let before = daemon.historyReads.reads(of: "ana")
        let r = try await daemon.post("/v1/chat", ["user": "ana", "message": "How heavy should I bench press next session?",
                                                   "agent": "coach", "max_tokens": 8, "temperature": 0, "seed": 7])
        #expect(r.status == 200, "\(r.text)")
        // One read of the history feeds both the prompt's context and the grounding.
        #expect(daemon.historyReads.reads(of: "ana") - before == 1)
        let grounding = try #require(r.chatObject["grounding"] as? [String: Any])
        let facts = try #require(grounding["facts"] as? [[String: Any]])
        // The bench press named in the message gets the overload rules' load (in ana's kg) and rep range.
        let load = try #require(facts.first { ($0["id"] as? String) == "overload:Bench Press (Barbell):load" }, "\(facts)")
        #expect(load["kind"] as? String == "overload")
        #expect(load["unit"] as? String == "kg")
        let kg = try #require(load["min"] as? Double)
        #expect((40...60).contains(kg), "ana benched 50 kg × 5 at RPE 8–8.5; the next load is \(kg)")
        #expect(facts.contains { ($0["id"] as? String) == "overload:Bench Press (Barbell):reps" })
        #expect(facts.contains { ($0["id"] as? String) == "recovery" })
        // Another user's history is not read for ana's request.
        #expect(daemon.historyReads.reads(of: "bo") == 0)
    }

    @Test func metrics_reportThePromptCache_afterAnAgentPrefixIsWarmed() async throws {
        let daemon = try await ChatFixture.daemon()
        let chat = try #require(daemon.services.chat)
        let warmed = await chat.warmAgentPrefixes()
        #expect(warmed.count == 3 && warmed.allSatisfy { $0.error == nil }, "\(warmed)")
        let text = try await SocketClient(socket: daemon.socket).send("GET", "/metrics").text
        #expect(text.contains("spotter_prompt_cache_budget_bytes "))
        let pinned = text.split(separator: "\n").first { $0.hasPrefix("spotter_prompt_cache_pinned_bytes ") }
        #expect((pinned.flatMap { Int($0.split(separator: " ")[1]) } ?? 0) > 0, "\(text.suffix(600))")
        #expect(text.contains("spotter_prompt_cache_prefix_tokens{agent=\"coach\"}"))
    }

    @Test func chatCompletions_openAIShape_nonStreamedAndStreamed() async throws {
        let daemon = try await ChatFixture.daemon()
        let request: [String: Any] = ["model": "auto", "user": "ana", "max_tokens": 16, "temperature": 0, "seed": 7,
                                      "messages": [["role": "system", "content": "ignored"],
                                                   ["role": "user", "content": "I don't feel like training today."]]]
        let plain = try await daemon.post("/v1/chat/completions", request)
        #expect(plain.status == 200, "\(plain.text)")
        let json = plain.chatObject
        #expect(json["object"] as? String == "chat.completion")
        #expect(ChatEndToEndTests.agents.contains(json["model"] as? String ?? ""))
        let choice = try #require((json["choices"] as? [[String: Any]])?.first)
        let message = try #require(choice["message"] as? [String: Any])
        #expect(message["role"] as? String == "assistant")
        let content = try #require(message["content"] as? String)
        #expect(!content.isEmpty)
        #expect(choice["finish_reason"] as? String == "stop")
        let usage = try #require(json["usage"] as? [String: Int])
        #expect(usage["total_tokens"] == usage["prompt_tokens"]! + usage["completion_tokens"]!)

        var streamed = request
        streamed["stream"] = true
        let stream = try await daemon.postStream("/v1/chat/completions", streamed)
        #expect(stream.status == 200)
        #expect(stream.events.allSatisfy { $0.event == "message" })
        #expect(stream.events.last?.data == "[DONE]")
        let chunks = try stream.events.dropLast().map { try #require(try JSONSerialization.jsonObject(with: Data($0.data.utf8)) as? [String: Any]) }
        #expect(chunks.allSatisfy { $0["object"] as? String == "chat.completion.chunk" && $0["model"] as? String == json["model"] as? String })
        let deltas = chunks.compactMap { (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any]) }
        #expect(deltas.first?["role"] as? String == "assistant")
        let text = deltas.compactMap { $0["content"] as? String }.joined()
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == content)
        let last = try #require((chunks.last?["choices"] as? [[String: Any]])?.first)
        #expect(last["finish_reason"] as? String == "stop")
        #expect((chunks.last?["usage"] as? [String: Int])?["completion_tokens"] == usage["completion_tokens"])
    }

    @Test func badRequests_getTheirStatusAndNoStream() async throws {
        let daemon = try await ChatFixture.daemon()
        let missing = try await daemon.post("/v1/chat", ["user": "ana"])
        #expect(missing.status == 422)
        #expect(missing.chatErrorCode == "invalid_field")
        let empty = try await daemon.post("/v1/chat", ["user": "ana", "message": "  "])
        #expect(empty.status == 400)
        let agent = try await daemon.post("/v1/chat", ["user": "ana", "message": "hi", "agent": "yoda"])
        #expect(agent.status == 400)
        #expect(agent.chatErrorCode == "invalid_request")
        let user = try await daemon.post("/v1/chat", ["user": "nobody", "message": "hi", "max_tokens": 4])
        #expect(user.status == 404)
        #expect(user.chatErrorCode == "not_found")
        // A failure before the first token is an HTTP error, not a 200 stream.
        let streamedUnknown = try await daemon.postStream("/v1/chat", ["user": "nobody", "message": "hi", "stream": true])
        #expect(streamedUnknown.status == 404)
        #expect(streamedUnknown.events.isEmpty)
        let openAINoUser = try await daemon.post("/v1/chat/completions", ["model": "auto", "messages": [["role": "user", "content": "hi"]]])
        #expect(openAINoUser.status == 400)
        let openAIUnknownAgent = try await daemon.post("/v1/chat/completions", ["model": "gpt-4", "user": "ana", "messages": [["role": "user", "content": "hi"]]])
        #expect(openAIUnknownAgent.status == 400)
    }

    @Test func conversation_continues_andIsInvisibleToOtherUsers_andTakesFeedback() async throws {
        let daemon = try await ChatFixture.daemon()
        let first = try await daemon.post("/v1/chat", ["user": "ana", "message": "Plan my workout for today.", "max_tokens": 8, "temperature": 0])
        #expect(first.status == 200, "\(first.text)")
        let conversation = try #require(first.chatObject["conversation"] as? String)
        let second = try await daemon.post("/v1/chat", ["user": "ana", "message": "And tomorrow?", "conversation": conversation, "max_tokens": 8, "temperature": 0])
        #expect(second.status == 200)
        #expect(second.chatObject["conversation"] as? String == conversation)
        #expect(try await daemon.store.messages(conversation: conversation, user: "ana").count == 4)
        // bo cannot read or extend ana's conversation: 404, as if it did not exist.
        let intruder = try await daemon.post("/v1/chat", ["user": "bo", "message": "What did she say?", "conversation": conversation, "max_tokens": 8])
        #expect(intruder.status == 404)
        #expect(try await daemon.store.messages(conversation: conversation, user: "ana").count == 4)

        let stranger = try await daemon.post("/v1/feedback", ["user": "bo", "conversation": conversation, "rating": "down"])
        #expect(stranger.status == 404, "only the owner may rate a conversation")
        let anonymous = try await daemon.post("/v1/feedback", ["conversation": conversation, "rating": "down"])
        #expect(anonymous.status == 422, "the user is required")
        let up = try await daemon.post("/v1/feedback", ["user": "ana", "conversation": conversation, "rating": "up", "comment": "useful"])
        #expect(up.status == 201, "\(up.text)")
        #expect(up.chatObject["rating"] as? Int == 1)
        let stars = try await daemon.post("/v1/feedback", ["user": "ana", "conversation": conversation, "rating": 2])
        #expect(stars.chatObject["rating"] as? Int == -1)
        let unknown = try await daemon.post("/v1/feedback", ["user": "ana", "conversation": "c_nope", "rating": "down"])
        #expect(unknown.status == 404)
        let bad = try await daemon.post("/v1/feedback", ["user": "ana", "conversation": conversation, "rating": 9])
        #expect(bad.status == 422)
    }

    /// More generations than the limit (1 running + 1 queued): the excess is turned away at
    /// once with 503 and `Retry-After`; the admitted ones complete.
    @Test func saturation_excessGets503WithRetryAfter_restComplete() async throws {
        let daemon = try await ChatFixture.daemon()
        let count = ChatFixture.maxConcurrent + ChatFixture.maxQueued + 3
        let responses = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            for i in 0..<count {
                group.addTask {
                    try await daemon.post("/v1/chat", ["user": "ana", "message": "Motivate me to get to the gym, take \(i).",
                                                       "agent": "coach", "max_tokens": 16, "temperature": 0])
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let statuses = responses.map(\.status)
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 }, "\(statuses)")
        let rejected = responses.filter { $0.status == 503 }
        let completed = responses.filter { $0.status == 200 }
        #expect(rejected.count >= 1, "\(statuses)")
        #expect(completed.count >= ChatFixture.maxConcurrent + ChatFixture.maxQueued, "\(statuses)")
        for r in rejected {
            #expect(r.chatHeader("Retry-After") == String(ChatFixture.retryAfter))
            #expect(r.chatErrorCode == "overloaded")
        }
        for r in completed { #expect(!(r.chatObject["reply"] as? String ?? "").isEmpty) }
    }
}
