import Coaching
import Foundation
import Store
import Synchronization

/// Reads a user's history with one store read per call and adapts it (`CoachingInputs`).
///
/// The sessions read are cached per user by id, stored and adapted: each read passes the ids it
/// holds and the store returns the log's ids with only the sessions not held (sessions are never
/// edited in place). So a chat request on an unchanged long log costs one small read
/// transaction, and the first request after a new session reads and adapts that session alone,
/// not 14 months of them; a deleted session simply drops out of the ids.
public final class UserHistoryReader: Sendable {
    let source: any UserHistorySource
    let catalog: CoachingCatalog?
    /// At most this many most recent sessions are read.
    public let maxSessions: Int
    /// At most this many recent check-ins are read (recovery reads 7- and 30-day windows).
    public let maxCheckins: Int

    /// One user's sessions as last read: oldest first, stored and adapted, with their ids.
    private struct Log {
        var ids: [Int64]
        var known: Set<Int64>
        var workouts: [StoredWorkout]
        var sessions: [WorkoutSession]
    }
    private let cache = Mutex<[String: Log]>([:])

    public init(source: any UserHistorySource, catalog: CoachingCatalog?, maxSessions: Int = 1000, maxCheckins: Int = 60) {
        self.source = source
        self.catalog = catalog
        self.maxSessions = maxSessions
        self.maxCheckins = maxCheckins
    }

    /// The user's history; a `StoreError` not-found for an unknown user.
    public func read(user: String) async throws -> UserHistory {
        let held = cache.withLock { $0[user] }
        guard let read = try await source.userHistory(user: user, maxSessions: maxSessions, checkinLimit: maxCheckins,
                                                      knownSessions: held?.known ?? []) else {
            throw StoreError.userNotFound(user)
        }
        let log: Log
        if let held, held.ids == read.sessionIDs, read.workouts.isEmpty {
            log = held
        } else {
            log = merge(held, read)
            cache.withLock { cache in
                if cache.count > 256 { cache.removeAll() }
                cache[user] = log
            }
        }
        return UserHistory(stored: read.profile, profile: CoachingInputs.profile(read.profile, catalog: catalog),
                           workouts: log.workouts, sessions: log.sessions,
                           checkIns: CoachingInputs.checkIns(read.checkins))
    }

    /// The log as `read` lists it: held sessions reused, new ones adapted. Sessions go in the
    /// store's order (start time, then id), which is the adapted sessions' date order.
    private func merge(_ held: Log?, _ read: StoredUserHistory) -> Log {
        var heldAt: [Int64: Int] = [:]
        if let held { for (index, id) in held.ids.enumerated() { heldAt[id] = index } }
        var fresh: [Int64: StoredWorkout] = [:]
        for workout in read.workouts { fresh[workout.id] = workout }
        var log = Log(ids: [], known: [], workouts: [], sessions: [])
        log.workouts.reserveCapacity(read.sessionIDs.count)
        log.sessions.reserveCapacity(read.sessionIDs.count)
        for id in read.sessionIDs {
            if let workout = fresh[id] {
                log.workouts.append(workout)
                log.sessions.append(CoachingInputs.session(workout.workout, catalog: catalog))
            } else if let held, let index = heldAt[id] {
                log.workouts.append(held.workouts[index])
                log.sessions.append(held.sessions[index])
            } else {
                continue   // listed without its session: not possible within one read; skipped defensively
            }
            log.ids.append(id)
        }
        log.known = Set(log.ids)
        return log
    }
}
