import Agents
import Logging
import ServiceLifecycle

/// Keeps each agent's static prompt prefix (system prompt + few-shot turns) prefilled in the
/// embedded engine's pinned KV slots: once at start-up, and again after every SIGHUP reload
/// (`requestWarmup(previousAgents:)`), dropping the prefixes of agents that no longer exist.
/// Runs in the background beside the server; requests arriving meanwhile are answered uncached.
/// A backend without a prompt cache (`openai`) makes every warm-up a no-op.
public final class PrefixWarmupService: Service, Sendable {
    private let chat: ChatService
    private let logger: Logger
    private let requests: AsyncStream<[String]>
    private let continuation: AsyncStream<[String]>.Continuation

    public init(chat: ChatService, logger: Logger) {
        self.chat = chat
        self.logger = logger
        (requests, continuation) = AsyncStream.makeStream(of: [String].self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks for another warm-up (after a reload); `previousAgents` are the agents before it.
    public func requestWarmup(previousAgents: [String]) {
        continuation.yield(previousAgents)
    }

    public func run() async throws {
        continuation.yield([])
        await ServiceShutdown.cancellingOnShutdown {
            for await previous in self.requests {
                let outcomes = await self.chat.warmAgentPrefixes(previousAgents: previous)
                for outcome in outcomes {
                    if let error = outcome.error {
                        self.logger.warning("agent prefix not cached; it answers uncached", metadata: ["agent": "\(outcome.agent)", "error": "\(error)"])
                    } else {
                        self.logger.info("agent prefix cached", metadata: [
                            "agent": "\(outcome.agent)", "tokens": "\(outcome.tokens ?? 0)",
                            "computed": "\(outcome.evaluatedTokens)", "seconds": "\(outcome.seconds)"])
                    }
                }
            }
        }
    }
}
