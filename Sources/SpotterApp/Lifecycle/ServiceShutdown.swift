import ServiceLifecycle
import Synchronization

/// How the daemon's long-lived services wait for the end of their run: graceful shutdown
/// (SIGTERM/SIGINT, or the service group winding down) or cancellation of their task, whichever
/// comes first — including one that came before they started waiting.
///
/// Every service in `SpotterApp` (and the server's `DatabaseService`) waits through this one
/// mechanism instead of swift-service-lifecycle's `gracefulShutdown()` and
/// `cancelWhenGracefulShutdown(_:)` (the library's `CancellationWaiter` actor, resumed from a
/// fresh `Task` by its handlers) or a sleep loop. Here the handlers open a latch directly, under
/// a lock, and a latch opened before anyone waits stays open, so no ordering of "cancel" and
/// "start waiting" can lose the wake-up (`ServiceShutdownTests` checks both orders).
///
/// Known, not fixed here: an in-process daemon stopped by *cancelling* its task (rather than by
/// graceful shutdown, as SIGTERM does) sometimes never returns from `SpotterServer.run()`, with
/// no thread blocked (a lost wake-up; extra logging or tracing makes it disappear). It showed in
/// the two-daemon PostgreSQL test, 1–3 runs in 30 whichever way the follower waited.
/// `SharedKnowledgeTests` now stops its daemons by graceful shutdown, as production does: 0 hangs
/// in 40 runs. A daemon reaches the cancellation path only when its drain timeout expires.
/// ```swift
/// public func run() async throws {
///     await ServiceShutdown.cancellingOnShutdown { await follow() }   // work until shutdown
///     await ServiceShutdown.wait()                                    // or idle until shutdown
/// }
/// ```
public enum ServiceShutdown {
    /// Returns once graceful shutdown has begun or the calling task is cancelled (at once if
    /// either already happened). Outside a service group only cancellation ends the wait.
    public static func wait() async {
        let latch = ShutdownLatch()
        await withTaskCancellationOrGracefulShutdownHandler {
            await latch.wait()
        } onCancelOrGracefulShutdown: {
            latch.open()
        }
    }

    /// Runs `operation` until it returns, or until graceful shutdown or cancellation; then
    /// cancels it and returns once it has returned (it sees `Task.isCancelled`).
    public static func cancellingOnShutdown(_ operation: @escaping @Sendable () async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await operation() }
            group.addTask { await wait() }
            await group.next()
            group.cancelAll()
        }
    }
}

/// A one-shot gate: `wait()` returns once `open()` has been called, before or after.
final class ShutdownLatch: Sendable {
    private enum State {
        case closed
        case waiting(CheckedContinuation<Void, Never>)
        case open
    }

    private let state = Mutex(State.closed)

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let alreadyOpen = state.withLock { state -> Bool in
                switch state {
                case .open:
                    return true
                case .closed:
                    state = .waiting(continuation)
                    return false
                case .waiting:
                    preconditionFailure("ShutdownLatch has one waiter")
                }
            }
            if alreadyOpen { continuation.resume() }
        }
    }

    func open() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            defer { state = .open }
            if case .waiting(let continuation) = state { return continuation }
            return nil
        }
        waiter?.resume()
    }
}
