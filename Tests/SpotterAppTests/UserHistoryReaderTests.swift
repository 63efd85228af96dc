import Coaching
import Foundation
import SpotterTestSupport
@testable import SpotterApp
import Store
import Synchronization
import Testing

/// The history reader keeps the sessions it has read: after a new session it reads that one
/// alone, and what it serves equals a fresh reader's read of the same log.
@Suite struct UserHistoryReaderTests {
    /// The store's reads, with how many sessions each returned.
    final class RecordingSource: UserHistorySource {
        let store: SpotterStore
        private let returned = Mutex<[Int]>([])
        init(store: SpotterStore) { self.store = store }
        var sessionsReturned: [Int] { returned.withLock { $0 } }
        func userHistory(user: String, maxSessions: Int, checkinLimit: Int, knownSessions: Set<Int64>) async throws -> StoredUserHistory? {
            let read = try await store.userHistory(user: user, maxSessions: maxSessions, checkinLimit: checkinLimit, knownSessions: knownSessions)
            returned.withLock { $0.append(read?.workouts.count ?? -1) }
            return read
        }
    }

    static func assertSame(_ a: UserHistory, _ b: UserHistory) {
        #expect(a.workouts == b.workouts)
        #expect(a.sessions.map(\.date) == b.sessions.map(\.date))
        #expect(a.sessions.map(\.title) == b.sessions.map(\.title))
        #expect(a.sessions.map { $0.exercises.map(\.exerciseId) } == b.sessions.map { $0.exercises.map(\.exerciseId) })
        #expect(a.sessions.map { $0.exercises.flatMap { $0.sets.map(\.weightKg) } } == b.sessions.map { $0.exercises.flatMap { $0.sets.map(\.weightKg) } })
    }

    @Test func read_afterNewSessions_readsOnlyThem_andServesWhatAFreshReaderServes() async throws {
        let log = try await CalibrationLog()
        let source = RecordingSource(store: log.store)
        let reader = UserHistoryReader(source: source, catalog: nil)
        let first = try await reader.read(user: log.user)
        #expect(first.workouts.count == 60)
        _ = try await reader.read(user: log.user)
        try await log.addSession()
        let afterOne = try await reader.read(user: log.user)
        // A backfilled session (older than the newest) lands at its place by date.
        var backfill = CalibrationLog.workout(first.sessions[10])
        backfill.startedAt = first.sessions[10].date.addingTimeInterval(3_600)
        _ = try await log.store.saveWorkout(backfill, user: log.user)
        let afterBackfill = try await reader.read(user: log.user)
        #expect(source.sessionsReturned == [60, 0, 1, 1])
        #expect(afterOne.workouts.count == 61)
        #expect(afterBackfill.workouts.count == 62)
        #expect(afterBackfill.workouts[11].workout.startedAt == backfill.startedAt)
        Self.assertSame(afterBackfill, try await UserHistoryReader(source: StoreHistorySource(store: log.store), catalog: nil).read(user: log.user))
    }

    @Test func read_afterTheUserIsDeletedAndRecreated_dropsTheOldSessions() async throws {
        let log = try await CalibrationLog()
        let reader = UserHistoryReader(source: StoreHistorySource(store: log.store), catalog: nil)
        #expect(try await reader.read(user: log.user).workouts.count == 60)
        _ = try await log.store.deleteUser(id: log.user)
        await #expect(throws: StoreError.self) { try await reader.read(user: log.user) }
        _ = try await log.store.saveUser(Store.UserProfile(id: log.user, units: .kg))
        #expect(try await reader.read(user: log.user).workouts.isEmpty)
        try await log.addSession()
        let again = try await reader.read(user: log.user)
        #expect(again.workouts.count == 1)
        Self.assertSame(again, try await UserHistoryReader(source: StoreHistorySource(store: log.store), catalog: nil).read(user: log.user))
    }
}
