import Agents
import Foundation
import Hummingbird
import SpotterApp
import Wire

/// Chat with the coaching agents (see `ChatService`). Both endpoints answer 503 when the daemon
/// runs without a chat configuration, 503 with `Retry-After` when the generation queue is full,
/// 404 for an unknown user or another user's conversation, 400 for a bad request (empty
/// message, unknown agent, out-of-range options) and 504 when an upstream LLM times out.
///
/// - `POST /v1/chat` with `{"user", "message", "agent": "auto|insight|planner|coach"?,
///   "conversation"?, "stream"?, "temperature"?, "seed"?, "max_tokens"?}` →
///   `{"conversation", "agent", "routing": {"agent", "method", "score", "reason"}, "reply",
///   "grounding": {"facts", "last_check_in"}, "citations": [{"id", "title", "snippet", "score"}],
///   "checks", "usage": {"prompt_tokens", "completion_tokens"}, "timings": {"total_ms",
///   "routing_ms", "context_ms", "generation_ms", "first_token_ms"}, "model", "backend"}`.
///   With `"stream": true` the answer is `text/event-stream`: `event: meta` (conversation, agent,
///   routing, grounding, citations, model, backend), `event: delta` (`{"text"}`) per piece of
///   text as it is generated, then `event: done` (`{"reply", "checks", "usage", "timings"}`); a
///   failure after the stream started ends it with `event: error` carrying the error body.
///   Failures before the first token (including a full queue) are plain HTTP errors.
/// - `POST /v1/chat/completions`: OpenAI's chat-completions format, so OpenAI clients work
///   unchanged. `model` is an agent name or `auto`, `user` is the Spotter user id, the last
///   `user` message is answered (Spotter keeps memory itself; continue with `conversation`).
///   Answers a `chat.completion` (with Spotter's full answer under `spotter`), or with
///   `"stream": true` `data: {chat.completion.chunk}` lines and `data: [DONE]`.
///
/// A client that disconnects (mid-stream, or while waiting for a non-streamed answer) cancels its
/// generation; nothing is stored then.
struct ChatRoutes: RouteGroup {
    let context: ServerContext

    func register(on router: Router<SpotterRequestContext>) {
        let service = context.services.chat
        // Each handler runs inside `untilClientLeaves` (which must read the body itself): a client
        // that leaves before its answer cancels the generation, and the pipeline stores nothing.
        router.post("/v1/chat") { request, ctx -> Response in
            let chat = try Self.require(service)
            return try await request.untilClientLeaves { request in
                let body = try await request.decodeJSON(ChatRequest.self, context: ctx)
                guard body.stream == true else {
                    return try JSONBody(try await chat.respond(to: body)).response(from: request, context: ctx)
                }
                return try await Self.eventStream(chat.stream(body), frames: { try Self.chatFrames($0) }, failure: { Self.chatFailureFrame($0) }, end: nil)
            }
        }
        router.post("/v1/chat/route") { request, ctx -> Response in
            let chat = try Self.require(service)
            let body = try await request.decodeJSON(RouteRequest.self, context: ctx)
            return try JSONBody(try chat.route(body.message, agent: body.agent)).response(from: request, context: ctx)
        }
        router.post("/v1/chat/completions") { request, ctx -> Response in
            let chat = try Self.require(service)
            return try await request.untilClientLeaves { request in
                let body = try await request.decodeJSON(OpenAIChatCompletionRequest.self, context: ctx)
                let spotterRequest = try body.chatRequest()
                guard body.stream == true else {
                    return try JSONBody(OpenAIChatCompletion(try await chat.respond(to: spotterRequest))).response(from: request, context: ctx)
                }
                let created = Date()
                let identity = ChunkIdentity()
                return try await Self.eventStream(chat.stream(spotterRequest), frames: { event in
                    if case .meta(let meta) = event { identity.set(id: "chatcmpl-" + meta.conversation, model: meta.agent) }
                    let (id, model) = identity.get()
                    let chunk = OpenAIChatCompletionChunk(event, id: id, model: model, created: created)
                    return "data: " + String(decoding: try WireJSON.encoder.encode(chunk), as: UTF8.self) + "\n\n"
                }, failure: { "data: \($0.bodyText)\n\n" }, end: "data: [DONE]\n\n")
            }
        }
    }

    static func require(_ service: ChatService?) throws -> ChatService {
        guard let service else { throw APIError.unavailable("this daemon runs without chat; check agents.yaml and the daemon log") }
        return service
    }

    /// `event: NAME\ndata: JSON\n\n`.
    static func chatFrames(_ event: ChatStreamEvent) throws -> String {
        let (name, data) = try event.serverSentEvent()
        return "event: \(name)\ndata: \(data)\n\n"
    }

    static func chatFailureFrame(_ error: APIError) -> String {
        "event: error\ndata: \(error.bodyText)\n\n"
    }
}
