import Coaching
import Foundation
import SpotterTestSupport
@testable import SpotterApp
import Store
import Synchronization
import Testing

/// The per-user calibration cache: one fit per user and log version at a time (single flight),
/// the newest log's fit is the one kept, and what is served equals the synchronous fit.
@Suite struct UserCalibrationsTests {
    let base = OverloadRules()

    @Test func calibration_twoConcurrentRequestsForOneLogVersion_fitOnce() async throws {
        let log = try await CalibrationLog()
        let fits = Counter(), gate = DispatchSemaphore(value: 0)
        let calibrations = UserCalibrations(fit: { sessions, profile, base, version in
            fits.increment()
            gate.wait()
            return UserCalibrations.fit(sessions: sessions, profile: profile, base: base, version: version)
        })
        let h = try await log.history()
        async let first = calibrations.calibration(user: log.user, history: h, base: base)
        #expect(await waitUntil { fits.value == 1 })
        async let second = calibrations.calibration(user: log.user, history: h, base: base)
        #expect(await waitUntil { calibrations.waiting(user: log.user) == 1 })
        gate.signal()
        let (a, b) = await (first, second)
        #expect(fits.value == 1)
        #expect(SyntheticLifter.fingerprint(a) == SyntheticLifter.fingerprint(b))
        // An unchanged log reads the cache.
        _ = await calibrations.calibration(user: log.user, history: h, base: base)
        #expect(fits.value == 1)
    }

    @Test func calibration_equalsTheSynchronousFitOfTheLogTheRequestRead() async throws {
        let log = try await CalibrationLog()
        let h = try await log.history()
        let served = await UserCalibrations().calibration(user: log.user, history: h, base: base)
        let direct = UserCalibrations.fit(sessions: h.sessions, profile: h.profile, base: base)
        #expect(SyntheticLifter.fingerprint(served) == SyntheticLifter.fingerprint(direct))
        #expect(served.version == UserCalibrations.version(of: h.workouts))
    }

    @Test func calibration_whenANewerLogIsFittedMeanwhile_theNewerIsCachedAndTheOlderStillAnswersItsRequest() async throws {
        let log = try await CalibrationLog()
        let old = try await log.history()
        let oldVersion = UserCalibrations.version(of: old.workouts)
        let fits = Counter(), gate = DispatchSemaphore(value: 0)
        let calibrations = UserCalibrations(fit: { sessions, profile, base, version in
            fits.increment()
            if version == oldVersion { gate.wait() }   // the older fit is slow
            return UserCalibrations.fit(sessions: sessions, profile: profile, base: base, version: version)
        })
        async let slow = calibrations.calibration(user: log.user, history: old, base: base)
        #expect(await waitUntil { fits.value == 1 })
        try await log.addSession()
        let new = try await log.history()
        let newer = await calibrations.calibration(user: log.user, history: new, base: base)
        #expect(newer.version == UserCalibrations.version(of: new.workouts) && newer.version != oldVersion)
        gate.signal()
        #expect(await slow.version == oldVersion)
        #expect(calibrations.cached(user: log.user)?.version == newer.version)
        #expect(fits.value == 2)
    }

    @Test func calibration_manyUsersAtOnce_runAtMostConcurrentFitsAtATime() async throws {
        let log = try await CalibrationLog()
        let h = try await log.history()
        let running = Mutex((now: 0, most: 0))
        let calibrations = UserCalibrations(fit: { sessions, profile, base, version in
            running.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            defer { running.withLock { $0.now -= 1 } }
            Thread.sleep(forTimeInterval: 0.02)   // long enough for the others to try to start
            return UserCalibrations.fit(sessions: sessions, profile: profile, base: base, version: version)
        }, concurrentFits: 2)
        await withTaskGroup(of: Void.self) { group in
            for u in 0..<6 { group.addTask { _ = await calibrations.calibration(user: "user\(u)", history: h, base: base) } }
        }
        #expect(running.withLock { $0.most } <= 2)
        #expect(calibrations.totals().users == 6)
    }
}

/// A user with the synthetic lifter's log in an in-memory store, read as the daemon reads it.
struct CalibrationLog {
    let store: SpotterStore
    let user = "ana"
    let reader: UserHistoryReader
    private let sessions = SyntheticLifter.sessions(count: 80, seed: 3)

    init() async throws {
        store = try SpotterStore.inMemory()
        reader = UserHistoryReader(source: StoreHistorySource(store: store), catalog: nil)
        _ = try await store.saveUser(Store.UserProfile(id: user, age: 30, units: .kg, experience: .intermediate, goal: .hypertrophy))
        for s in sessions.prefix(60) { _ = try await store.saveWorkout(Self.workout(s), user: user) }
    }

    func history() async throws -> UserHistory { try await reader.read(user: user) }

    /// Logs the next session of the synthetic log (a new log version).
    func addSession(_ n: Int = 0) async throws {
        let count = try await history().workouts.count
        _ = try await store.saveWorkout(Self.workout(sessions[count + n]), user: user)
    }

    static func workout(_ s: WorkoutSession) -> NewWorkout {
        NewWorkout(title: s.title, startedAt: s.date, exercises: s.exercises.map { e in
            WorkoutExercise(name: e.name, exerciseID: e.exerciseId, sets: e.sets.map {
                WorkoutSet(type: $0.type, weightKg: $0.weightKg, reps: $0.reps, rpe: $0.rpe)
            })
        })
    }
}
