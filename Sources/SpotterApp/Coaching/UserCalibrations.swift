import Coaching
import Foundation
import Store
import Synchronization
import Wire

/// One user's overload calibration and the log-as-feedback tallies, fitted from their whole log.
public struct UserCalibration: Sendable {
    /// The log version it was fitted on (`UserCalibrations.version(of:)`).
    public var version: String
    /// The service's rules with this lifter's thresholds (`SuggestionOutcomes.calibrated`).
    public var rules: OverloadRules
    /// What the lifter did with every suggestion the calibrated rules would have made, over the log.
    public var overall: OutcomeTally
    /// The same per exercise, by name as logged.
    public var perExercise: [String: OutcomeTally]
}

/// Per-user calibrations cached under the log's version, so the slow part (replaying the log
/// through the rules and refitting the thresholds: tens of milliseconds over 14 months, see
/// `spotter bench coaching`) runs once per new session, not once per request.
///
/// - A request whose log is unchanged reads the cache.
/// - **Single flight**: one fit per user and log version at a time. A request that finds the fit
///   of its version under way (started by another request, or by the background refit after a
///   write, `CalibrationRefits`) waits for that computation instead of starting its own.
/// - A fit of another version supersedes the one before it: the latest fit started for a user is
///   the one cached (an earlier one still answers the requests that waited for it).
/// - When this daemon commits a write (`POST /workouts`, an import, a user deletion) of a user
///   whose calibration is cached, the composition starts the refit at once in the background
///   (`SpotterServices.workoutsCommitted(user:)`), so their next request usually reads the cache.
///   A user who has not asked for overload advice since start-up is not refitted (writes cost no
///   fit until the advice is used); their first request fits. Writes by another daemon on a
///   shared PostgreSQL database are not announced here: the first request after them refits.
///
/// Fits run on a thread of their own, off the cooperative pool, at most one per core at once
/// (`concurrentFits`). The version is the number of stored workouts, the newest id and the newest
/// creation time: any post, import or deletion changes it. At most 256 users are kept (the cache
/// is then emptied). The calibration served is always the one fitted on the log the request read.
public final class UserCalibrations: Sendable {
    /// Fits one calibration: `UserCalibrations.fit` in the daemon; tests count or hold it.
    public typealias Fit = @Sendable (_ sessions: [WorkoutSession], _ profile: Coaching.UserProfile, _ base: OverloadRules,
                                      _ version: String) -> UserCalibration

    private struct State {
        var entries: [String: UserCalibration] = [:]
        var flights: [String: CalibrationFlight] = [:]
    }

    private let state = Mutex(State())
    private let fitter: Fit
    private let slots: FitSlots

    /// - Parameter concurrentFits: at most this many fits run at once (default: one per core);
    ///   more wait their turn.
    public init(fit: @escaping Fit = { UserCalibrations.fit(sessions: $0, profile: $1, base: $2, version: $3) },
                concurrentFits: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)) {
        fitter = fit
        slots = FitSlots(limit: concurrentFits)
    }

    /// The calibration for `user`'s history: from the cache when the log has not changed, else
    /// from the fit of this version already under way, else fitted now (others wait for it).
    public func calibration(user: String, history h: UserHistory, base: OverloadRules) async -> UserCalibration {
        let version = Self.version(of: h.workouts)
        enum Next { case cached(UserCalibration), wait(CalibrationFlight), fit(CalibrationFlight) }
        let next = state.withLock { s -> Next in
            if let hit = s.entries[user], hit.version == version { return .cached(hit) }
            if let flight = s.flights[user], flight.version == version { return .wait(flight) }
            let flight = CalibrationFlight(version: version)
            s.flights[user] = flight
            return .fit(flight)
        }
        switch next {
        case .cached(let hit): return hit
        case .wait(let flight): return await flight.result()
        case .fit(let flight):
            let fit = fitter, sessions = h.sessions, profile = h.profile
            let fitted = await CalibrationFlight.offPool(slots) { fit(sessions, profile, base, version) }
            state.withLock { s in
                guard s.flights[user] === flight else { return }   // superseded: the newer fit is cached
                s.flights[user] = nil
                if s.entries.count >= 256 { s.entries.removeAll() }
                s.entries[user] = fitted
            }
            flight.finish(fitted)
            return fitted
        }
    }

    /// Whether `user` has a calibration cached or being fitted (they asked for overload advice
    /// since start-up): only such users are refitted in the background after a write.
    public func isCalibrated(user: String) -> Bool {
        state.withLock { $0.entries[user] != nil || $0.flights[user] != nil }
    }

    /// The cached calibration of `user`, whatever its version (nil when none).
    public func cached(user: String) -> UserCalibration? { state.withLock { $0.entries[user] } }

    /// Drops `user`'s cached calibration (the user was deleted).
    public func forget(user: String) { _ = state.withLock { $0.entries.removeValue(forKey: user) } }

    /// Requests waiting for the fit under way for `user` (for tests).
    func waiting(user: String) -> Int { state.withLock { $0.flights[user] }?.waiting ?? 0 }

    /// Replays the log once, calibrates `base` on it, then records every suggestion the calibrated
    /// rules would have made against what was done next.
    public static func fit(sessions: [WorkoutSession], profile: Coaching.UserProfile, base: OverloadRules,
                           version: String = "") -> UserCalibration {
        let replay = OverloadReplay(sessions: sessions)
        // Calibrating reads only the replay's cases: no outcomes are recorded with `base`.
        let rules = SuggestionOutcomes(replay: replay, profile: profile, rules: base, where: { _ in false }).calibrated(base)
        let outcomes = SuggestionOutcomes(replay: replay, profile: profile, rules: rules)
        return UserCalibration(version: version, rules: rules, overall: outcomes.overall, perExercise: outcomes.perExercise)
    }

    /// Every cached user's tallies summed (what `/metrics` exposes), and how many users they cover.
    public func totals() -> (users: Int, tally: OverloadWire.Tally) {
        state.withLock { s in
            var t = OutcomeTally()
            for c in s.entries.values {
                t.accepted += c.overall.accepted; t.changedUp += c.overall.changedUp
                t.changedDown += c.overall.changedDown; t.failed += c.overall.failed
            }
            return (s.entries.count, CoachingService.tally(t))
        }
    }

    /// The log's version: workouts count, newest id, newest creation time.
    static func version(of workouts: [StoredWorkout]) -> String {
        let newestId = workouts.map(\.id).max() ?? 0
        let newestCreated = workouts.map(\.createdAt.timeIntervalSince1970).max() ?? 0
        return "\(workouts.count):\(newestId):\(newestCreated)"
    }
}

extension CoachingService {
    /// The overload rules calibrated to `user`'s log (cached per log version): what the overload
    /// endpoint decides with, and what the chat's overload facts should use so both agree.
    public func calibratedRules(user: String, history h: UserHistory) async -> OverloadRules {
        await calibrations.calibration(user: user, history: h, base: rules).rules
    }
}
