import Foundation
import HTTPClient
import LanguageModel

/// Any OpenAI-compatible `/v1/chat/completions` server as a `ChatBackend`, over libcurl.
///
/// - Deadlines: `connectTimeout` and `requestTimeout`; a miss is `LLMError.timedOut` (504).
/// - Retries with exponential backoff on connection failures and 5xx, only before any text was
///   relayed; never on 4xx. When attempts run out, or on a 4xx, `LLMError.upstream` (502)
///   carries the upstream's own message.
/// - Cancelling the consumer (the client went away) aborts the upstream transfer.
public struct OpenAIChatBackend: ChatBackend {
    public let configuration: OpenAIBackendConfiguration
    private let client: CurlHTTPClient
    public var kind: String { "openai" }
    public var model: String { configuration.model }
    public var contextLength: Int? { configuration.contextLength }

    public init(configuration: OpenAIBackendConfiguration, client: CurlHTTPClient = CurlHTTPClient()) {
        self.configuration = configuration
        self.client = client
    }

    public func stream(_ messages: [ChatMessage], options: ChatOptions) -> AsyncThrowingStream<ChatBackendEvent, Error> {
        let request: HTTPRequest
        do {
            request = try makeRequest(messages, options: options)
        } catch {
            return AsyncThrowingStream { $0.finish(throwing: error) }
        }
        let config = configuration
        let client = client
        let promptEstimate = messages.reduce(0) { $0 + $1.content.utf8.count } / 4
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await Self.run(request, config: config, client: client,
                                       promptEstimate: promptEstimate, into: continuation)
                    continuation.finish()
                } catch let error as LLMError {
                    continuation.finish(throwing: error)
                } catch is CancellationError {
                    continuation.finish(throwing: LLMError(.cancelled, "request cancelled"))
                } catch {
                    continuation.finish(throwing: LLMError(.upstream, "\(config.completionsURL): \(error)"))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    func makeRequest(_ messages: [ChatMessage], options: ChatOptions) throws -> HTTPRequest {
        guard !messages.isEmpty else { throw LLMError(.invalidRequest, "no messages to send") }
        let body = OpenAIChatRequest(
            model: configuration.model, messages: messages, temperature: options.temperature,
            maxTokens: options.maxTokens, seed: options.seed,
            stop: options.stop.isEmpty ? nil : options.stop, stream: configuration.streaming,
            streamOptions: configuration.streaming && configuration.requestStreamUsage ? .init(includeUsage: true) : nil)
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"),
            ("Accept", configuration.streaming ? "text/event-stream" : "application/json"),
        ]
        if let key = configuration.apiKey { headers.append(("Authorization", "Bearer \(key)")) }
        return HTTPRequest(method: "POST", url: configuration.completionsURL, headers: headers,
                           body: try JSONEncoder().encode(body),
                           connectTimeout: configuration.connectTimeout,
                           totalTimeout: configuration.requestTimeout)
    }

    /// Attempts the exchange, retrying where allowed, and relays events into `continuation`.
    private static func run(
        _ request: HTTPRequest, config: OpenAIBackendConfiguration, client: CurlHTTPClient,
        promptEstimate: Int, into continuation: AsyncThrowingStream<ChatBackendEvent, Error>.Continuation
    ) async throws {
        var lastError = LLMError(.upstream, "no attempt made")
        for attempt in 0...max(0, config.maxRetries) {
            if attempt > 0 {
                let factor = 1 << min(attempt - 1, 10)
                try await Task.sleep(for: config.retryBaseDelay * factor)
            }
            var exchange = Exchange(streaming: config.streaming, promptEstimate: promptEstimate)
            do {
                for try await event in client.stream(request) {
                    try exchange.consume(event, into: continuation)
                }
                if let failure = exchange.failure() {
                    lastError = failure
                    if exchange.retryable { continue }
                    throw failure
                }
                try exchange.finish(into: continuation)
                return
            } catch let error as HTTPClientError {
                switch error.kind {
                case .cancelled:
                    throw LLMError(.cancelled, "request cancelled")
                case .timedOut:
                    throw LLMError(.timedOut, "the language model server at \(config.baseURL) did not answer in time: \(error.message)")
                case .connectionFailed where !exchange.relayedText:
                    lastError = LLMError(.upstream, "cannot reach the language model server at \(config.baseURL) after \(attempt + 1) attempt(s): \(error.message)")
                    continue
                case .connectionFailed, .transport:
                    throw LLMError(.upstream, "the language model server at \(config.baseURL) failed: \(error.message)")
                }
            }
        }
        if Task.isCancelled { throw LLMError(.cancelled, "request cancelled") }
        throw lastError
    }
}

/// State of one attempt: the status, error body, SSE parser, usage and whether text went out.
private struct Exchange {
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

    func failure() -> LLMError? {
        guard !(200..<300).contains(status) else { return nil }
        let message = OpenAIErrorBody.message(from: errorBody)
        return LLMError(.upstream, "the language model server answered \(status): \(message)", upstreamStatus: status)
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
