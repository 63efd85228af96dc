import Foundation
import SpotterTestSupport
import Testing
@testable import Coaching

/// The replay harness on the real Hevy export: every model beats its trivial baselines.
/// (Figures are printed by `spotter bench replay`; these assert the behaviours.)
@Suite struct LogReplayTests {
    static let sessions: [WorkoutSession] = (try? HevyTestReader.sessions(at: sharedData("logs/hevy_export_sample.csv"))) ?? []
    let profile = UserProfile(units: .kg, experience: .intermediate, goal: .hypertrophy)

    @Test func overloadReplay_onTheHevyExport_beatsRepeatLastAndLastPlusIncrement() {
        let replay = OverloadReplay(sessions: Self.sessions)
        #expect(replay.cases.count > 1500)
        let half = replay.sessionCount / 2
        for include in [{ (_: OverloadReplay.Case) in true }, { $0.sessionIndex < half }, { $0.sessionIndex >= half }] {
            let repeatLast = replay.figures("repeat", where: include, predict: OverloadReplay.repeatLast)
            let plus = replay.figures("plus", where: include, predict: OverloadReplay.lastPlusIncrementIfEasy)
            let rules = replay.figures("rules", where: include, predict: OverloadReplay.rules(OverloadRules(), profile: profile))
            #expect(rules.directionAgreement > max(repeatLast.directionAgreement, plus.directionAgreement))
            #expect(rules.meanAbsoluteErrorKg < min(repeatLast.meanAbsoluteErrorKg, plus.meanAbsoluteErrorKg))
        }
        let whole = replay.figures("rules", predict: OverloadReplay.rules(OverloadRules(), profile: profile))
        #expect(whole.directionAgreement >= 0.62)
        #expect(whole.meanAbsoluteErrorKg <= 2.6)
        #expect(whole.exactShare >= 0.53)
        #expect(whole.rules[.scheduledDeload] == nil)   // no calendar deloads
        #expect(whole.unwantedDeloads < whole.cases / 20)
    }

    @Test func calibration_onTheFirstHalf_learnsThisLifterKeepsGoingWhenRepsFall() {
        let replay = OverloadReplay(sessions: Self.sessions)
        let half = replay.sessionCount / 2
        let fitted = SuggestionOutcomes(replay: replay, profile: profile).calibrated(OverloadRules(), where: { $0.sessionIndex < half })
        #expect(!fitted.calibration.deloadWhenRepsFall)   // trains to failure and keeps progressing
        let second: (OverloadReplay.Case) -> Bool = { $0.sessionIndex >= half }
        let before = replay.figures("default", where: second, predict: OverloadReplay.rules(OverloadRules(), profile: profile))
        let after = replay.figures("fitted", where: second, predict: OverloadReplay.rules(fitted, profile: profile))
        #expect(after.unwantedDeloads < before.unwantedDeloads / 2)
        #expect(after.directionAgreement > 0.62)
    }

    @Test func overloadReplay_calibratedOnlineAsServed_beatsRepeatLastOnExactLoadsOnTheWholeLogAndEachHalf() {
        let replay = OverloadReplay(sessions: Self.sessions)
        let half = replay.sessionCount / 2
        let online = replay.rulesCalibratedOnline(OverloadRules(), profile: profile, every: 5)
        let defaults = replay.figures("defaults", predict: OverloadReplay.rules(OverloadRules(), profile: profile))
        for include in [{ (_: OverloadReplay.Case) in true }, { $0.sessionIndex < half }, { $0.sessionIndex >= half }] {
            let repeatLast = replay.figures("repeat", where: include, predict: OverloadReplay.repeatLast)
            let served = replay.figures("served", where: include, predict: online)
            #expect(served.exactShare > repeatLast.exactShare)
            #expect(served.directionAgreement > repeatLast.directionAgreement + 0.05)
            #expect(served.meanAbsoluteErrorKg < repeatLast.meanAbsoluteErrorKg)
        }
        let whole = replay.figures("served", predict: online)
        #expect(whole.exactShare >= 0.53 && whole.directionAgreement >= 0.62)
        // The unwanted deloads were the "reps fell" evidence of a lifter who trains to failure: once
        // their own log shows they push on, it stops firing.
        #expect((defaults.unwantedDeloadsByRule[.repsFell] ?? 0) > 30)
        #expect(whole.unwantedDeloads <= 12 && (whole.unwantedDeloadsByRule[.repsFell] ?? 0) <= 4)
    }

    @Test func recommendationReplay_routineFromHistory_beatsFrequencyAndSplitBaselines() {
        let replay = RecommendationReplay(sessions: Self.sessions)
        let routine = RoutineModel(sessions: Self.sessions)
        let model = replay.figures("routine", rank: replay.routine(routine))
        let planned = replay.figures("planned", rank: replay.routine(routine, planned: true))
        for baseline in [replay.figures("freq", rank: replay.mostFrequent), replay.figures("split", rank: replay.splitDoneLongestAgo)] {
            #expect(model.precisionAt5 > baseline.precisionAt5 + 0.2)
            #expect(model.recallAt10 > baseline.recallAt10 + 0.2)
            #expect(model.ndcgAt5 > baseline.ndcgAt5 + 0.2)
        }
        #expect(model.precisionAt5 >= 0.45 && model.recallAt10 >= 0.62)
        #expect(planned.precisionAt5 > model.precisionAt5 && planned.recallAt10 > model.recallAt10 && planned.ndcgAt5 > model.ndcgAt5)
    }

    @Test func nextDayReplay_personalRhythm_beatsMajorityStrengthAndMarkov() {
        let replay = NextDayReplay(sessions: Self.sessions)
        #expect(replay.days.count == 440)
        #expect(!replay.days.contains { $0 != .rest && $0 != .strength })   // a lifter: no cardio days
        let rhythm = PersonalRhythm()
        let personal = replay.figures("personal") { rhythm.predict(days: $0) }
        for baseline in [replay.figures("majority", predict: NextDayReplay.majority),
                         replay.figures("strength", predict: NextDayReplay.alwaysStrength),
                         replay.figures("markov", predict: NextDayReplay.markov)] {
            #expect(personal.accuracy > baseline.accuracy)
            #expect(personal.logLoss < baseline.logLoss)
        }
        #expect(personal.accuracy >= 0.70 && personal.logLoss <= 0.65)
        #expect(personal.predicted.keys.allSatisfy { $0 == .rest || $0 == .strength })
    }

    @Test func outcomes_forOneExercise_matchTheWholeLogsTallyForIt() {
        let whole = SuggestionOutcomes(sessions: Self.sessions, profile: profile)
        #expect(whole.overall.total == OverloadReplay(sessions: Self.sessions).cases.count)
        let name = "Lat Pulldown (Cable)"
        let one = SuggestionOutcomes(sessions: Self.sessions, profile: profile, exercises: [name])
        #expect(one.perExercise.keys.sorted() == [name])
        #expect(one.perExercise[name] == whole.perExercise[name])
        #expect((one.perExercise[name]?.total ?? 0) > 30)
    }

    @Test func logReplay_reportsThreeSectionsAndWhatItFittedOnTheFirstHalf() {
        let r = LogReplay.run(sessions: Array(Self.sessions.prefix(120)), profile: profile)
        #expect(r.sections.map(\.label).count == 3)
        #expect(r.fitted.count == 4 && r.fitted[1].hasPrefix("overload habit") && r.fitted[2].hasPrefix("overload usual steps"))
        #expect(r.sections.allSatisfy { $0.overload.count == 4 && $0.recommendations.count == 4 && $0.nextDay.count == 4 })
        #expect(r.sections.allSatisfy { $0.overload.last?.model == "rules calibrated online (served)" })
    }
}
