import Foundation
import HTTPClient
import LanguageModel

/// OpenAI-compatible `/v1/chat/completions` servers as a `ChatBackend`, over libcurl.
///
/// - Servers: `configuration.baseURLs` form a `ModelServerPool`; each request goes to the
///   least-loaded healthy server, failed servers are out for a doubling, jittered backoff, and
///   when every server is out the request fails at once with `LLMError.overloaded` (503 with
///   `Retry-After`) naming each server and when the next trial is due.
/// - Deadlines: `connectTimeout` and `requestTimeout`; a miss is `LLMError.timedOut` (504).
/// - Retries (at most `maxRetries`), only before any text was relayed: after a connection failure,
///   a 5xx, a broken connection or a connect timeout the request moves once to another healthy
///   server; with none left it retries the same server with exponential backoff (a pool of one —
///   e.g. one URL in front of a load balancer — rides out a blip). A timeout after the server
///   accepted the request is not retried (its deadline is spent); 4xx are never retried. When
///   attempts run out, or on a 4xx, `LLMError.upstream` (502) carries the upstream's own message.
/// - Cancelling the consumer (the client went away) aborts the upstream transfer.
public struct OpenAIChatBackend: ChatBackend {
    public let configuration: OpenAIBackendConfiguration
    /// The servers, their health and load (read by `/metrics`).
    public let pool: ModelServerPool
    private let client: CurlHTTPClient
    public var kind: String { "openai" }
    public var model: String { configuration.model }
    public var contextLength: Int? { configuration.contextLength }

    /// - Parameters:
    ///   - now: the pool's clock for backoff (tests pass a manual one).
    ///   - onServerChange: told when a server goes out or comes back (the daemon logs it).
    public init(configuration: OpenAIBackendConfiguration, client: CurlHTTPClient = CurlHTTPClient(),
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
                onServerChange: (@Sendable (ModelServerPool.Change) -> Void)? = nil) {
        self.configuration = configuration
        self.client = client
        self.pool = ModelServerPool(baseURLs: configuration.baseURLs, backoff: configuration.serverBackoff,
                                    now: now, onChange: onServerChange)
    }

    public func stream(_ messages: [ChatMessage], options: ChatOptions) -> AsyncThrowingStream<ChatBackendEvent, Error> {
        let request: HTTPRequest
        let body: OpenAIChatRequest
        do {
            body = try makeBody(messages, options: options)
            request = try makeRequest(body)
        } catch {
            return AsyncThrowingStream { $0.finish(throwing: error) }
        }
        let run = Run(request: request, body: body, config: configuration, pool: pool, client: client,
                      promptEstimate: messages.reduce(0) { $0 + $1.content.utf8.count } / 4)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await run.perform(into: continuation)
                    continuation.finish()
                } catch let error as LLMError {
                    continuation.finish(throwing: error)
                } catch is CancellationError {
                    continuation.finish(throwing: LLMError(.cancelled, "request cancelled"))
                } catch {
                    continuation.finish(throwing: LLMError(.upstream, "the language model request failed: \(error)"))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    func makeBody(_ messages: [ChatMessage], options: ChatOptions) throws -> OpenAIChatRequest {
        guard !messages.isEmpty else { throw LLMError(.invalidRequest, "no messages to send") }
        return OpenAIChatRequest(
            model: configuration.model, messages: messages, temperature: options.temperature,
            maxTokens: options.maxTokens, seed: options.seed,
            stop: options.stop.isEmpty ? nil : options.stop, stream: configuration.streaming,
            streamOptions: configuration.streaming && configuration.requestStreamUsage ? .init(includeUsage: true) : nil)
    }

    /// The request for the first server with the pool's model and key; `Run` points it at the
    /// server each attempt leases (and applies that server's own model and key).
    func makeRequest(_ body: OpenAIChatRequest) throws -> HTTPRequest {
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
}
