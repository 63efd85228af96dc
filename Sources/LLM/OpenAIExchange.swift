import Foundation
import HTTPClient
import LanguageModel

/// State of one attempt on one server: the status, error body, SSE parser, usage and whether
/// text went out. The wire format read here is described in `OpenAIWire.swift`.
struct OpenAIExchange {
    let streaming: Bool
    let promptEstimate: Int
    var status = 0
    var errorBody = Data()
    var wholeBody = Data()
    var parser = ServerSentEventParser()
    var usage: ChatUsage?
    var finishReason: String?
    var relayedText = false
    var deltaCount = 0
    var sawDone = false
    var sawEvent = false

    init(streaming: Bool, promptEstimate: Int) {
        self.streaming = streaming
        self.promptEstimate = promptEstimate
    }

    var retryable: Bool { status >= 500 }

    mutating func consume(_ event: HTTPStreamEvent,
                          into continuation: AsyncThrowingStream<ChatBackendEvent, Error>.Continuation) throws {
        switch event {
        case .head(let status, _):
            self.status = status
        case .body(let data):
            guard (200..<300).contains(status) else {
                errorBody.append(data)
                return
            }
            // Kept until the first event, in case a server ignores `stream: true` and sends JSON.
            if !streaming || (!sawEvent && wholeBody.count < 1 << 20) { wholeBody.append(data) }
            guard streaming else { return }
            for sse in parser.feed(data) where !sawDone {
                sawEvent = true
                try handle(payload: sse.data, into: continuation)
            }
        }
    }

    /// The upstream's own error when it answered with a non-2xx status.
    func failure(server: String) -> LLMError? {
        guard !(200..<300).contains(status) else { return nil }
        let message = OpenAIErrorBody.message(from: errorBody)
        return LLMError(.upstream, "the language model server \(server) answered \(status): \(message)", upstreamStatus: status)
    }

    mutating func handle(payload: String,
                         into continuation: AsyncThrowingStream<ChatBackendEvent, Error>.Continuation) throws {
        let trimmed = payload.trimmingCharacters(in: .whitespaces)
        if trimmed == "[DONE]" {
            sawDone = true
            return
        }
        let data = Data(trimmed.utf8)
        if OpenAIErrorBody.isError(data) {
            throw LLMError(.upstream, "the language model server failed mid-stream: \(OpenAIErrorBody.message(from: data))")
        }
        guard let chunk = try? JSONDecoder().decode(OpenAIChatChunk.self, from: data) else {
            throw LLMError(.upstream, "the language model server sent an unreadable chunk: \(trimmed.prefix(200))")
        }
        absorb(chunk, relay: continuation)
    }

    private mutating func absorb(_ chunk: OpenAIChatChunk,
                                 relay continuation: AsyncThrowingStream<ChatBackendEvent, Error>.Continuation) {
        if let u = chunk.usage, let p = u.promptTokens, let c = u.completionTokens {
            usage = ChatUsage(promptTokens: p, completionTokens: c)
        }
        for choice in chunk.choices ?? [] {
            if let text = (choice.delta ?? choice.message)?.content, !text.isEmpty {
                relayedText = true
                deltaCount += 1
                continuation.yield(.delta(text))
            }
            if let reason = choice.finishReason { finishReason = reason }
        }
    }

    mutating func finish(into continuation: AsyncThrowingStream<ChatBackendEvent, Error>.Continuation) throws {
        if !streaming || (!sawEvent && wholeBody.first == UInt8(ascii: "{")) {
            guard let chunk = try? JSONDecoder().decode(OpenAIChatChunk.self, from: wholeBody) else {
                throw LLMError(.upstream, "the language model server sent an unreadable response: \(OpenAIErrorBody.message(from: wholeBody))")
            }
            absorb(chunk, relay: continuation)
        } else {
            // A last event without its blank line still counts.
            for sse in parser.feed(Data("\n\n".utf8)) where !sawDone {
                try handle(payload: sse.data, into: continuation)
            }
        }
        // Servers that omit usage get an estimate: one token per delta, ~4 bytes per prompt token.
        let reported = usage ?? ChatUsage(promptTokens: promptEstimate, completionTokens: deltaCount)
        continuation.yield(.finished(reported, finishReason: finishReason ?? "stop"))
    }
}
