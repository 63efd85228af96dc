import Coaching
import Foundation
import Store
import Synchronization

/// Reads a user's history with one store read per call and adapts it (`CoachingInputs`).
///
/// The adapted sessions are cached per user under the log's version (newest session id and
/// count): a read whose version is unchanged skips the sessions, so a chat request on a long
/// log costs one small read transaction.
public final class UserHistoryReader: Sendable {
    let source: any UserHistorySource
    let catalog: CoachingCatalog?
    /// At most this many most recent sessions are read.
    public let maxSessions: Int
    /// At most this many recent check-ins are read (recovery reads 7- and 30-day windows).
    public let maxCheckins: Int
    private let cache = Mutex<[String: (version: String, workouts: [StoredWorkout], sessions: [WorkoutSession])]>([:])

    public init(source: any UserHistorySource, catalog: CoachingCatalog?, maxSessions: Int = 1000, maxCheckins: Int = 60) {
        self.source = source
        self.catalog = catalog
        self.maxSessions = maxSessions
        self.maxCheckins = maxCheckins
    }

    /// The user's history; a `StoreError` not-found for an unknown user.
    public func read(user: String) async throws -> UserHistory {
        let known = cache.withLock { $0[user] }
        guard let read = try await source.userHistory(user: user, maxSessions: maxSessions, checkinLimit: maxCheckins,
                                                      knownLogVersion: known?.version) else {
            throw StoreError.userNotFound(user)
        }
        let workouts: [StoredWorkout]
        let sessions: [WorkoutSession]
        if let fresh = read.workouts {
            workouts = fresh
            sessions = CoachingInputs.sessions(fresh, catalog: catalog)
            cache.withLock { cache in
                if cache.count > 256 { cache.removeAll() }
                cache[user] = (read.logVersion, workouts, sessions)
            }
        } else if let known {
            (workouts, sessions) = (known.workouts, known.sessions)
        } else {
            (workouts, sessions) = ([], [])
        }
        return UserHistory(stored: read.profile, profile: CoachingInputs.profile(read.profile, catalog: catalog),
                           workouts: workouts, sessions: sessions,
                           checkIns: CoachingInputs.checkIns(read.checkins))
    }
}
