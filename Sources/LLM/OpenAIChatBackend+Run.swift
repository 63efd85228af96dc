import Foundation
import HTTPClient
import LanguageModel

extension OpenAIChatBackend {
    /// One request's attempts across the pool: which server each goes to, when to retry, and what
    /// each says about its server's health (see `OpenAIChatBackend` for the rules).
    struct Run: Sendable {
        typealias Continuation = AsyncThrowingStream<ChatBackendEvent, Error>.Continuation

        /// How one attempt ended.
        enum End {
            case finished
            /// Failed before any text was relayed; `sameServer`: worth retrying on the same server.
            case retryable(LLMError, sameServer: Bool)
            /// Not retried; `outcome` is what it says about the server.
            case fatal(LLMError, ModelServerPool.Outcome)
        }

        let request: HTTPRequest
        let body: OpenAIChatRequest
        let config: OpenAIBackendConfiguration
        let pool: ModelServerPool
        let client: CurlHTTPClient
        let promptEstimate: Int

        func perform(into continuation: Continuation) async throws {
            guard var lease = pool.lease() else { throw pool.unavailableError() }
            var tried: Set<Int> = []
            var attempts = 0
            var movedOn = false
            var sameServerRetries = 0
            while true {
                attempts += 1
                switch await attempt(on: lease, into: continuation) {
                case .finished:
                    pool.release(lease, .answered)
                    return
                case .fatal(let error, let outcome):
                    pool.release(lease, outcome)
                    throw error
                case .retryable(let error, let sameServer):
                    tried.insert(lease.server.index)
                    let retriesLeft = attempts <= config.maxRetries && !Task.isCancelled
                    let othersHealthy = pool.hasHealthyServer(excluding: tried)
                    if retriesLeft, !movedOn, othersHealthy, let next = pool.lease(excluding: tried) {
                        pool.release(lease, .failed(error.message))
                        lease = next
                        movedOn = true
                        continue
                    }
                    // The same server again only when no other could take the request (a pool of one).
                    if retriesLeft, sameServer, !othersHealthy {
                        pool.noteFailedAttempt(lease, error.message)
                        sameServerRetries += 1
                        do {
                            try await Task.sleep(for: config.retryBaseDelay * (1 << min(sameServerRetries - 1, 10)))
                        } catch {
                            pool.release(lease, .abandoned)
                            throw LLMError(.cancelled, "request cancelled")
                        }
                        continue
                    }
                    pool.release(lease, .failed(error.message))
                    if Task.isCancelled { throw LLMError(.cancelled, "request cancelled") }
                    throw LLMError(error.kind, "\(error.message) (after \(attempts) attempt(s))",
                                   retryAfterSeconds: error.retryAfterSeconds, upstreamStatus: error.upstreamStatus)
                }
            }
        }

        /// One exchange with `server`, relaying its text into `continuation`.
        private func attempt(on lease: ModelServerPool.Lease, into continuation: Continuation) async -> End {
            let server = lease.server
            let request: HTTPRequest
            do {
                request = try self.request(for: config.servers[server.index])
            } catch {
                return .fatal(LLMError(.invalidRequest, "cannot encode the request: \(error)"), .abandoned)
            }
            var exchange = OpenAIExchange(streaming: config.streaming, promptEstimate: promptEstimate)
            let started = ContinuousClock.now
            do {
                for try await event in client.stream(request) {
                    if case .head(let status, _) = event, status < 500 { pool.markAnswering(lease) }
                    try exchange.consume(event, into: continuation)
                }
                if let failure = exchange.failure(server: server.label) {
                    return exchange.retryable ? .retryable(failure, sameServer: true) : .fatal(failure, .answered)
                }
                try exchange.finish(into: continuation)
                return .finished
            } catch let error as HTTPClientError {
                return classify(error, server: server, exchange: exchange, elapsed: ContinuousClock.now - started)
            } catch let error as LLMError {
                // The server answered, then sent an error object or an unreadable chunk.
                return .fatal(error, .answered)
            } catch {
                if Task.isCancelled { return .fatal(LLMError(.cancelled, "request cancelled"), .abandoned) }
                return .fatal(LLMError(.upstream, "the language model server \(server.label) failed: \(error)"), .failed("\(error)"))
            }
        }

        /// The request pointed at `endpoint`, with its own model id and key when it has them.
        private func request(for endpoint: OpenAIServerEndpoint) throws -> HTTPRequest {
            var request = request
            request.url = OpenAIBackendConfiguration.completionsURL(base: endpoint.baseURL)
            if let model = endpoint.model {
                var body = body
                body.model = model
                request.body = try JSONEncoder().encode(body)
            }
            if let key = endpoint.apiKey {
                request.headers.removeAll { $0.name == "Authorization" }
                request.headers.append(("Authorization", "Bearer \(key)"))
            }
            return request
        }

        private func classify(_ error: HTTPClientError, server: ModelServerPool.Server,
                              exchange: OpenAIExchange, elapsed: Duration) -> End {
            let beforeText = !exchange.relayedText
            switch error.kind {
            case .cancelled:
                return .fatal(LLMError(.cancelled, "request cancelled"), .abandoned)
            case .timedOut:
                let failure = LLMError(.timedOut, "the language model server \(server.label) did not answer in time: \(error.message)")
                // No answer yet and most of the deadline left: the connection timed out; another server may answer.
                if beforeText, exchange.status == 0, elapsed < config.requestTimeout / 2 {
                    return .retryable(failure, sameServer: false)
                }
                return .fatal(failure, .failed(error.message))
            case .connectionFailed where beforeText:
                return .retryable(LLMError(.upstream, "cannot reach the language model server \(server.label): \(error.message)"),
                                  sameServer: true)
            case .transport where beforeText && exchange.status == 0:
                return .retryable(LLMError(.upstream, "the language model server \(server.label) failed: \(error.message)"),
                                  sameServer: false)
            case .connectionFailed, .transport:
                return .fatal(LLMError(.upstream, "the language model server \(server.label) failed: \(error.message)"),
                              .failed(error.message))
            }
        }
    }
}
