import Foundation
import Knowledge
import Logging
import ServiceLifecycle
import Store

/// Runs a `KnowledgeLogFollower` for the daemon's lifetime, so a change made through any daemon
/// reaches this one's index within seconds:
/// - once the index has loaded, a catch-up (a fresh data directory replays the whole log);
/// - on every store notification (PostgreSQL `LISTEN spotter_knowledge`, re-established after
///   `retryDelay` when the connection breaks);
/// - every `pollInterval`, the safety net for a lost notification, a broken listener, or a
///   change whose apply failed.
/// Errors are logged; the service keeps following until graceful shutdown or cancellation
/// (`ServiceShutdown`, the mechanism every service of the daemon stops by).
public struct KnowledgeLogFollowerService: Service {
    let follower: KnowledgeLogFollower
    let pollInterval: Duration
    let retryDelay: Duration

    public init(follower: KnowledgeLogFollower, pollInterval: Duration = .seconds(2), retryDelay: Duration = .seconds(5)) {
        self.follower = follower
        self.pollInterval = pollInterval
        self.retryDelay = retryDelay
    }

    public func run() async throws {
        let (follower, pollInterval, retryDelay) = (self.follower, self.pollInterval, self.retryDelay)
        await ServiceShutdown.cancellingOnShutdown {
            await Self.follow(follower, pollInterval: pollInterval, retryDelay: retryDelay)
        }
    }

    /// Waits for the index, then applies changes on start-up, on notifications and on each poll
    /// until cancelled.
    static func follow(_ follower: KnowledgeLogFollower, pollInterval: Duration, retryDelay: Duration) async {
        let logger = follower.logger
        guard await Self.waitForIndex(follower.index) else { return }
        let (wakeups, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    do {
                        try await follower.store.watchKnowledgeChanges { wake.yield() }
                        return  // the engine has no notifications: polling alone
                    } catch is CancellationError {
                        return
                    } catch {
                        if Task.isCancelled { return }
                        logger.warning("knowledge change notifications lost; polling until they are back", metadata: [
                            "error": "\(error)", "retry_seconds": "\(retryDelay)"])
                        try? await Task.sleep(for: retryDelay)
                    }
                }
            }
            group.addTask {
                wake.yield()  // start-up catch-up
                while !Task.isCancelled {
                    try? await Task.sleep(for: pollInterval)
                    wake.yield()
                }
            }
            group.addTask {
                var failing = false
                for await _ in wakeups {
                    do {
                        try await follower.catchUp()
                        if failing { logger.info("knowledge changes applied again") }
                        failing = false
                    } catch where Task.isCancelled || error is CancellationError {
                        return
                    } catch {
                        // Log the first failure of a run, not every poll's.
                        if !failing { logger.error("cannot apply knowledge changes; retrying every poll", metadata: ["error": "\(error)"]) }
                        failing = true
                    }
                }
            }
            await ServiceShutdown.wait()
            wake.finish()
            group.cancelAll()
        }
    }

    /// Waits until the index is loaded; false when it failed (nothing to follow into).
    static func waitForIndex(_ index: Loadable<KnowledgeIndex>) async -> Bool {
        while !Task.isCancelled {
            if index.loaded != nil { return true }
            if index.status.hasPrefix("failed") { return false }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
