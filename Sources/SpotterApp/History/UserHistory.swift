import Coaching
import Foundation
import Store

/// Everything the daemon knows about one user for one request, read once and adapted once:
/// the prompt's context and the grounding models both read this value.
public struct UserHistory: Sendable {
    /// The profile as stored (wire spellings, bodyweight in kg).
    public var stored: Store.UserProfile
    /// The profile in Coaching's terms.
    public var profile: Coaching.UserProfile
    /// The newest sessions as stored (at most the reader's `maxSessions`), oldest first.
    public var workouts: [StoredWorkout]
    /// The same sessions in Coaching's terms, oldest first.
    public var sessions: [WorkoutSession]
    /// Check-ins, oldest first (the models' order).
    public var checkIns: [CheckIn]
    /// The most recent check-in.
    public var latestCheckIn: CheckIn? { checkIns.last }
}

/// Where users' histories are read from: the store, or in tests a wrapper that counts reads.
public protocol UserHistorySource: Sendable {
    /// See `SpotterStore.userHistory(user:maxSessions:checkinLimit:knownSessions:)`.
    func userHistory(user: String, maxSessions: Int, checkinLimit: Int, knownSessions: Set<Int64>) async throws -> StoredUserHistory?
}

extension SpotterStore: UserHistorySource {}

/// Any `RecordStore` (SQLite or PostgreSQL) as the source of users' histories.
public struct StoreHistorySource: UserHistorySource {
    public let store: any RecordStore

    public init(store: any RecordStore) { self.store = store }

    public func userHistory(user: String, maxSessions: Int, checkinLimit: Int, knownSessions: Set<Int64>) async throws -> StoredUserHistory? {
        try await store.userHistory(user: user, maxSessions: maxSessions, checkinLimit: checkinLimit, knownSessions: knownSessions)
    }
}
