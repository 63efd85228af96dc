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
/// through the rules and refitting the thresholds: ~0.1–0.2 s over 14 months) runs once per new
/// session, not once per request. A request with an unchanged log reads the cache.
///
/// The version is the number of stored workouts, the newest id and the newest creation time: any
/// post, import or deletion changes it. At most 256 users are kept (the cache is then emptied).
public final class UserCalibrations: Sendable {
    private let entries = Mutex<[String: UserCalibration]>([:])

    public init() {}

    /// The calibration for `user`'s history, from the cache when the log has not changed.
    public func calibration(user: String, history h: UserHistory, base: OverloadRules) -> UserCalibration {
        let version = Self.version(of: h.workouts)
        if let hit = entries.withLock({ $0[user] }), hit.version == version { return hit }
        let fitted = Self.fit(sessions: h.sessions, profile: h.profile, base: base, version: version)
        entries.withLock { e in
            if e.count >= 256 { e.removeAll() }
            e[user] = fitted
        }
        return fitted
    }

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
        entries.withLock { e in
            var t = OutcomeTally()
            for c in e.values {
                t.accepted += c.overall.accepted; t.changedUp += c.overall.changedUp
                t.changedDown += c.overall.changedDown; t.failed += c.overall.failed
            }
            return (e.count, CoachingService.tally(t))
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
    public func calibratedRules(user: String, history h: UserHistory) -> OverloadRules {
        calibrations.calibration(user: user, history: h, base: rules).rules
    }
}
