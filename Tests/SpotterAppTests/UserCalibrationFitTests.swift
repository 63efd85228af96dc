import Coaching
import Foundation
import SpotterTestSupport
@testable import SpotterApp
import Store
import Testing

/// The calibration fit gives exactly the rules and tallies it gave before it was made faster.
/// The fingerprints below (every value, doubles as bit patterns; `SyntheticLifter.fingerprint`)
/// were captured from the straightforward fit — the log replayed once to calibrate and once
/// more with the calibrated rules, every case's features recomputed from the sessions before
/// it, every suggestion explained — at commit 2e8cf2d, before the change.
@Suite struct UserCalibrationFitTests {
    @Test func fit_onASyntheticLifter_isBitIdenticalToTheFitBeforeItWasMadeFaster() {
        let profile = Coaching.UserProfile(units: .kg, experience: .intermediate, goal: .hypertrophy)
        let fitted = UserCalibrations.fit(sessions: SyntheticLifter.sessions(), profile: profile, base: OverloadRules())
        #expect(SyntheticLifter.fingerprint(fitted) == """
            increaseAtRPE=4020000000000000 deloadOn=["missed_reps"] \
            habit=944:bffc2fb0a275be5d,bf97191fbd17d69a,3fa73bfe22ff2cb5,bfb82407d1c33ffa,3f8979f12022d654,\
            3f9e3a5b39726a58,4005c75017a604c9,bfc3146a447b1641,bface277dde8ac48 \
            steps=["dumbbells:4000000000000000", "other:4004000000000000", "plates:4004000000000000"]:4004000000000000 \
            overall=407/307/173/174 per=Bench Press (Barbell)=48/56/35/20;Curl (Dumbbell)=55/43/27/29;\
            Lateral Raise (Dumbbell)=60/39/11/22;Leg Curl (Machine)=57/55/30/19;Pull Up (Assisted)=80/29/8/37;\
            Row (Cable)=56/34/30/22;Squat (Barbell)=51/51/32/25
            """)
    }

    @Test func fit_onAStrengthLifterInPounds_isBitIdenticalToTheFitBeforeItWasMadeFaster() {
        let profile = Coaching.UserProfile(units: .lb, experience: .expert, goal: .strength)
        let fitted = UserCalibrations.fit(sessions: SyntheticLifter.sessions(count: 150, seed: 11), profile: profile, base: OverloadRules())
        #expect(SyntheticLifter.fingerprint(fitted) == """
            increaseAtRPE=401c000000000000 deloadOn=["missed_reps"] \
            habit=616:bfe90b74fd6582e3,bf9a2310923f4b55,3fc1ca3a1d710681,bfc1a4a3b4172651,bfb19e1284974d05,\
            bfe138662017eaec,3ff46efd2df17938,3fbfa4550d4cbaa0,3fb8ffd93dcd696e \
            steps=["dumbbells:4000000000000000", "other:4000000000000000", "plates:4004000000000000"]:4004000000000000 \
            overall=273/200/110/108 per=Bench Press (Barbell)=42/31/10/15;Curl (Dumbbell)=37/33/6/14;\
            Lateral Raise (Dumbbell)=39/31/15/11;Leg Curl (Machine)=28/24/24/21;Pull Up (Assisted)=54/19/11/16;\
            Row (Cable)=31/35/16/20;Squat (Barbell)=42/27/28/11
            """)
    }

    /// The shared 14-month Hevy export through the Store's importer, as the daemon reads it (the
    /// fingerprint's FNV-1a hash; skipped where the shared data is absent).
    @Test func fit_onTheSharedHevyExport_isBitIdenticalToTheFitBeforeItWasMadeFaster() async throws {
        guard let csv = try? String(contentsOf: sharedData("logs/hevy_export_sample.csv"), encoding: .utf8) else { return }
        let store = try SpotterStore.inMemory()
        _ = try await store.saveUser(Store.UserProfile(id: "lifter", age: 30, units: .kg, experience: .intermediate, goal: .hypertrophy))
        _ = try await store.importWorkouts(csv: csv, format: .hevy, user: "lifter")
        let h = try await UserHistoryReader(source: StoreHistorySource(store: store), catalog: nil).read(user: "lifter")
        let fitted = UserCalibrations.fit(sessions: h.sessions, profile: h.profile, base: OverloadRules())
        #expect(fitted.overall.total == 1653)
        #expect(FNV1a.hex(SyntheticLifter.fingerprint(fitted)) == "395d7f7facbd8931")
    }
}
