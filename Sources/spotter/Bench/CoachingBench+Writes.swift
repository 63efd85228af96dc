import Coaching
import Foundation
import SpotterApp
import Store

extension CoachingBench {
    /// The first overload request after a new session is logged, as a user sees it, through the
    /// served path (`CoachingService`, the store, the calibration cache, the background refit
    /// service running as in the daemon). Each run logs one more session (a copy of the newest,
    /// a minute later) and then asks for the overload target:
    /// - "right away": the write is announced (`workoutsCommitted(user:)`, as the routes do) and
    ///   the request follows at once, so it waits for (or starts) the one refit of the new log;
    /// - "after the refit finished": announced, the background refit is awaited, then the request
    ///   reads the cache (what an app that asks a moment after posting gets);
    /// - "not announced": a write the daemon did not make (another daemon on a shared PostgreSQL
    ///   database): the request refits on its path, as every first request did before;
    /// - the history re-read alone after a write (`UserHistoryReader` keeps the sessions it has
    ///   read and reads only the new one), the part of the first request that is not the refit.
    static func firstRequestAfterWrite(coaching: CoachingService, store: SpotterStore, user: String, exercise: String,
                                       asOf: Date, runs: Int = 10) async throws {
        let newest = try require(try await store.workouts(user: user, limit: 1, before: nil).workouts.first)
        var minute = 0.0
        func logSession(announce: Bool) async throws {
            minute += 1
            var w = newest.workout
            w.startedAt = newest.workout.startedAt.addingTimeInterval(minute * 60)
            w.endedAt = nil
            _ = try await store.saveWorkout(w, user: user)
            if announce { coaching.workoutsCommitted(user: user) }
        }
        func request() async throws { _ = try await coaching.overload(user: user, exercise: exercise, asOf: asOf) }
        let clock = ContinuousClock()
        func timed(_ body: () async throws -> Void) async rethrows -> Double {
            let t = clock.now
            try await body()
            let d = clock.now - t
            return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await coaching.refits.run() }
            var rightAway: [Double] = [], settled: [Double] = [], unannounced: [Double] = [], reread: [Double] = []
            for _ in 0..<runs {
                try await logSession(announce: true)
                rightAway.append(try await timed(request))
                try await logSession(announce: true)
                await coaching.refits.settled()
                settled.append(try await timed(request))
                try await logSession(announce: false)
                unannounced.append(try await timed(request))
                try await logSession(announce: false)
                reread.append(try await timed { _ = try await coaching.history(user: user) })
            }
            report("GET overload first request right after POST /workouts (waits for the background refit)", rightAway.sorted())
            report("GET overload first request after POST /workouts once the background refit finished", settled.sorted())
            report("GET overload first request after a write by another daemon (refit on the request path)", unannounced.sorted())
            report("  of which: the user's history re-read after any write (only the new session is read and adapted)", reread.sorted())
            group.cancelAll()
        }
    }
}

private struct MissingWorkout: Error, CustomStringConvertible {
    var description: String { "the benchmark user has no workout to copy" }
}

private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingWorkout() }
    return value
}
