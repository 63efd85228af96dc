import Coaching
import Foundation
import Logging
import SpotterTestSupport
@testable import SpotterApp
import Store
import Testing

/// The background refit after a committed write: the next request reads the cache, a request
/// that comes while it runs waits for it, commits that queue up refit the newest log once.
@Suite struct CalibrationRefitsTests {
    let base = OverloadRules()

    /// Runs `refits` as the daemon's service group would, for the duration of `body`, then stops it.
    func running(_ refits: CalibrationRefits, _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await refits.run() }
            try await body()
            group.cancelAll()
            try await group.waitForAll()
        }
    }

    func refits(_ calibrations: UserCalibrations, _ log: CalibrationLog) -> CalibrationRefits {
        CalibrationRefits(calibrations: calibrations, base: base, history: { try await log.reader.read(user: $0) },
                          logger: Logger(label: "test"))
    }

    /// Fits through `calibrations` once, as the user's first overload request does.
    func askOnce(_ calibrations: UserCalibrations, _ log: CalibrationLog) async throws -> String {
        let h = try await log.history()
        return await calibrations.calibration(user: log.user, history: h, base: base).version
    }

    @Test func committedWrite_refitsInTheBackground_andTheNextRequestIsACacheHitEqualToTheSynchronousFit() async throws {
        let log = try await CalibrationLog()
        let fits = Counter()
        let calibrations = UserCalibrations(fit: { fits.increment(); return UserCalibrations.fit(sessions: $0, profile: $1, base: $2, version: $3) })
        let refits = refits(calibrations, log)
        try await running(refits) {
            _ = try await askOnce(calibrations, log)
            try await log.addSession()
            refits.committed(user: log.user)
            await refits.settled()
            #expect(fits.value == 2)
            let h = try await log.history()
            let served = await calibrations.calibration(user: log.user, history: h, base: base)
            #expect(fits.value == 2)   // read from the cache
            #expect(served.version == UserCalibrations.version(of: h.workouts))
            #expect(SyntheticLifter.fingerprint(served)
                    == SyntheticLifter.fingerprint(UserCalibrations.fit(sessions: h.sessions, profile: h.profile, base: base)))
        }
    }

    @Test func committedWrite_ofAUserWhoNeverAskedForAdvice_costsNoFit() async throws {
        let log = try await CalibrationLog()
        let fits = Counter()
        let calibrations = UserCalibrations(fit: { fits.increment(); return UserCalibrations.fit(sessions: $0, profile: $1, base: $2, version: $3) })
        let refits = refits(calibrations, log)
        try await running(refits) {
            try await log.addSession()
            refits.committed(user: log.user)
            await refits.settled()
            #expect(fits.value == 0)
            #expect(calibrations.cached(user: log.user) == nil)
        }
    }

    @Test func requestWhileTheRefitRuns_waitsForThatFit() async throws {
        let log = try await CalibrationLog()
        let first = UserCalibrations.version(of: try await log.history().workouts)
        let fits = Counter(), gate = DispatchSemaphore(value: 0)
        let calibrations = UserCalibrations(fit: {
            fits.increment()
            if $3 != first { gate.wait() }
            return UserCalibrations.fit(sessions: $0, profile: $1, base: $2, version: $3)
        })
        let refits = refits(calibrations, log)
        try await running(refits) {
            _ = try await askOnce(calibrations, log)
            try await log.addSession()
            refits.committed(user: log.user)
            #expect(await waitUntil { fits.value == 2 })
            let h = try await log.history()
            async let served = calibrations.calibration(user: log.user, history: h, base: base)
            #expect(await waitUntil { calibrations.waiting(user: log.user) == 1 })
            gate.signal()
            #expect(await served.version == UserCalibrations.version(of: h.workouts))
            await refits.settled()
            #expect(fits.value == 2)
        }
    }

    @Test func commitsQueuedWhileARefitRuns_refitOnlyTheNewestLogOnce() async throws {
        let log = try await CalibrationLog()
        let first = UserCalibrations.version(of: try await log.history().workouts)
        let fitted = Counter(), gate = DispatchSemaphore(value: 0), held = Counter()
        let calibrations = UserCalibrations(fit: {
            fitted.increment()
            if $3 != first, held.value == 0 { held.increment(); gate.wait() }   // the first refit is slow
            return UserCalibrations.fit(sessions: $0, profile: $1, base: $2, version: $3)
        })
        let refits = refits(calibrations, log)
        try await running(refits) {
            _ = try await askOnce(calibrations, log)
            try await log.addSession()
            refits.committed(user: log.user)          // refits the second log, held at the gate
            #expect(await waitUntil { held.value == 1 })
            try await log.addSession()
            refits.committed(user: log.user)
            try await log.addSession()
            refits.committed(user: log.user)          // joins the queued refit
            gate.signal()
            await refits.settled()
            let newest = try await log.history()
            #expect(fitted.value == 3)
            #expect(calibrations.cached(user: log.user)?.version == UserCalibrations.version(of: newest.workouts))
        }
    }

    @Test func refitOfADeletedUser_dropsTheirCalibration_andAFailedRefitDoesNotStopTheNext() async throws {
        let log = try await CalibrationLog()
        _ = try await log.store.saveUser(Store.UserProfile(id: "gone", units: .kg))
        let calibrations = UserCalibrations()
        let any = try await log.history()
        for user in ["gone", "broken"] { _ = await calibrations.calibration(user: user, history: any, base: base) }
        _ = try await askOnce(calibrations, log)
        let refits = CalibrationRefits(calibrations: calibrations, base: base, history: { user in
            if user == "broken" { throw ReadFailed() }
            return try await log.reader.read(user: user)
        }, logger: Logger(label: "test"))
        try await running(refits) {
            _ = try await log.store.deleteUser(id: "gone")
            try await log.addSession()
            refits.committed(user: "gone")
            refits.committed(user: "broken")
            refits.committed(user: log.user)
            await refits.settled()
            #expect(calibrations.cached(user: "gone") == nil)
            #expect(calibrations.cached(user: "broken")?.version == UserCalibrations.version(of: any.workouts))   // kept; the next request refits
            #expect(calibrations.cached(user: log.user)?.version == UserCalibrations.version(of: try await log.history().workouts))
        }
    }

    @Test func shutdown_withRefitsQueued_returnsAndReleasesWhoeverWaits() async throws {
        let log = try await CalibrationLog()
        let first = UserCalibrations.version(of: try await log.history().workouts)
        let gate = DispatchSemaphore(value: 0)
        let calibrations = UserCalibrations(fit: {
            if $3 != first { gate.wait() }
            return UserCalibrations.fit(sessions: $0, profile: $1, base: $2, version: $3)
        })
        _ = try await askOnce(calibrations, log)
        try await log.addSession()
        let refits = refits(calibrations, log)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await refits.run() }
            refits.committed(user: log.user)
            group.addTask { await refits.settled() }
            group.cancelAll()
            gate.signal()            // the fit under way (if it started) finishes; the queue is dropped
            try await group.waitForAll()
        }
    }
}

/// A history read that fails (the store unreachable).
private struct ReadFailed: Error {}
