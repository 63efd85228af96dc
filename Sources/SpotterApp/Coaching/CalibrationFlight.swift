import Foundation
import Synchronization

/// One calibration fit under way (`UserCalibrations`): the requests that need the same user and
/// log version wait for its result instead of fitting again.
final class CalibrationFlight: Sendable {
    /// The log version being fitted.
    let version: String
    private struct State {
        var result: UserCalibration?
        var waiters: [CheckedContinuation<UserCalibration, Never>] = []
    }
    private let state = Mutex(State())

    init(version: String) { self.version = version }

    /// The fitted calibration, once `finish` has been called (at once if it has been).
    func result() async -> UserCalibration {
        await withCheckedContinuation { (continuation: CheckedContinuation<UserCalibration, Never>) in
            let done = state.withLock { s -> UserCalibration? in
                if let r = s.result { return r }
                s.waiters.append(continuation)
                return nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }

    /// Hands the result to every waiter, present and future.
    func finish(_ calibration: UserCalibration) {
        let waiters = state.withLock { s -> [CheckedContinuation<UserCalibration, Never>] in
            s.result = calibration
            defer { s.waiters = [] }
            return s.waiters
        }
        for w in waiters { w.resume(returning: calibration) }
    }

    /// Requests waiting now.
    var waiting: Int { state.withLock { $0.waiters.count } }

    /// Runs CPU-bound `work` on a thread of its own (a fit takes tens of milliseconds: it would
    /// hold a thread of the cooperative pool, which has one per core) once `slots` has a free
    /// slot, and returns its result. The thread always finishes the work, so a waiter is never
    /// left behind.
    static func offPool<T: Sendable>(_ slots: FitSlots, _ work: @escaping @Sendable () -> T) async -> T {
        await slots.acquire()
        defer { slots.release() }
        return await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.name = "spotter.calibration"
            thread.start()
        }
    }
}

/// At most `limit` calibration fits run at once (one per core by default): a burst of first
/// requests from many users (after a restart) queues, first come first served, instead of
/// starting a thread each.
final class FitSlots: Sendable {
    private struct State {
        var running = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    let limit: Int
    private let state = Mutex(State())

    init(limit: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)) { self.limit = max(1, limit) }

    /// Waits for a slot; call `release()` once after.
    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if s.running < limit { s.running += 1; return true }
                s.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Frees a slot, or hands it to the longest waiter.
    func release() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard !s.waiters.isEmpty else { s.running -= 1; return nil }
            return s.waiters.removeFirst()
        }
        next?.resume()
    }
}
