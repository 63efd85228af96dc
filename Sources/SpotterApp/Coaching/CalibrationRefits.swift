import Coaching
import Logging
import ServiceLifecycle
import Store
import Synchronization

/// Refits users' overload calibrations in the background as soon as a write of theirs commits,
/// so the first overload request after a new session usually reads the cache instead of paying
/// for the refit on its request path (`UserCalibrations`).
///
/// `committed(user:)` queues the user when their calibration is cached (they use the overload
/// advice; a user who has not asked for it since start-up is left to fit on their first request,
/// so writes alone cost no fits), once (commits that arrive before the refit starts are one
/// refit, of the newest log), and returns at once; the service refits one user at a time, in the
/// order they were queued: at most one background fit runs, so it never takes more than one core.
/// A request that arrives while the refit of its log version runs waits for that fit
/// (single flight); one that arrives before it starts fits, and the refit then reads its result.
/// A refit of a user who no longer exists (deleted) drops their calibration; any other failure
/// is logged with the user and the error, and the next request refits on its own. On shutdown the
/// queue is dropped (the fit under way finishes first: tens of milliseconds).
public final class CalibrationRefits: Service, Sendable {
    /// Reads a user's history (the daemon: `UserHistoryReader.read(user:)`).
    public typealias HistoryRead = @Sendable (String) async throws -> UserHistory

    private struct Queue {
        var users: [String] = []
        var queued: Set<String> = []
        var running = false
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
        var isIdle: Bool { users.isEmpty && !running }
    }

    /// At most this many users wait for a refit; beyond it a commit is left to refit on request.
    public static let maxQueued = 4096

    private let calibrations: UserCalibrations
    private let base: OverloadRules
    private let history: HistoryRead
    private let logger: Logger
    private let queue = Mutex(Queue())
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    public init(calibrations: UserCalibrations, base: OverloadRules, history: @escaping HistoryRead, logger: Logger) {
        self.calibrations = calibrations
        self.base = base
        self.history = history
        self.logger = logger
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// A write of `user`'s workouts committed in this daemon: refit their calibration soon, when
    /// they have one (a user who never asked for overload advice costs no fit per write).
    public func committed(user: String) {
        guard calibrations.isCalibrated(user: user) else { return }
        let accepted = queue.withLock { q -> Bool in
            if q.queued.contains(user) { return true }
            guard q.users.count < Self.maxQueued else { return false }
            q.users.append(user); q.queued.insert(user)
            return true
        }
        if accepted {
            wake.yield()
        } else {
            logger.warning("overload calibration refit queue is full; the user's next request refits", metadata: ["user": "\(user)"])
        }
    }

    /// Returns once no refit is queued or running (for the benchmark and tests).
    public func settled() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = queue.withLock { q -> Bool in
                if q.isIdle { return true }
                q.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    public func run() async throws {
        await ServiceShutdown.cancellingOnShutdown {
            for await _ in self.wakeups {
                while !Task.isCancelled, let user = self.next() {
                    await self.refit(user: user)
                    self.done()
                }
            }
        }
        // Shutdown: drop what is queued and release anyone waiting for the queue to drain.
        let waiters = queue.withLock { q -> [CheckedContinuation<Void, Never>] in
            q.users = []; q.queued = []
            defer { q.idleWaiters = [] }
            return q.idleWaiters
        }
        for w in waiters { w.resume() }
    }

    /// Fits `user`'s calibration on their current log, through the single flight.
    func refit(user: String) async {
        do {
            let h = try await history(user)
            _ = await calibrations.calibration(user: user, history: h, base: base)
        } catch let error as StoreError where error.kind == .notFound {
            calibrations.forget(user: user)
            logger.debug("user deleted; overload calibration dropped", metadata: ["user": "\(user)"])
        } catch {
            logger.error("overload calibration refit failed; the user's next request refits",
                         metadata: ["user": "\(user)", "error": "\(error)"])
        }
    }

    private func next() -> String? {
        queue.withLock { q in
            guard !q.users.isEmpty else { return nil }
            let user = q.users.removeFirst()
            q.queued.remove(user)
            q.running = true
            return user
        }
    }

    private func done() {
        let waiters = queue.withLock { q -> [CheckedContinuation<Void, Never>] in
            q.running = false
            guard q.isIdle else { return [] }
            defer { q.idleWaiters = [] }
            return q.idleWaiters
        }
        for w in waiters { w.resume() }
    }
}
