import Foundation

/// Every grounding model replayed over one user's log beside its trivial baselines, on the whole
/// log, its first half, and its second half with the per-user parameters fitted on the first half
/// (what `spotter bench replay` prints).
///
/// Halves split at the middle session (by date); next-day figures split at that session's day.
/// Fitted on the first half: the overload RPE threshold, the fatigue evidence deloaded on, the
/// lifter's progression habit and usual load steps (`SuggestionOutcomes.calibrated`) and the
/// rhythm's half-life and order (lowest first-half log-loss over 2/4/8 weeks × 2/3/4 days).
public struct LogReplay: Sendable {
    public struct Section: Sendable {
        public var label: String
        public var overload: [OverloadFigures]
        public var recommendations: [RecommendationReplay.Figures]
        public var nextDay: [NextDayReplay.Figures]
    }

    public var sections: [Section]
    /// What was fitted on the first half, in words.
    public var fitted: [String]

    /// Replays `sessions` for `profile`. `predictor` (the LSTM) adds its figures and is the rhythm's prior.
    public static func run(sessions unsorted: [WorkoutSession], profile: UserProfile,
                           predictor: NextWorkoutPredictor? = nil) -> LogReplay {
        let sessions = unsorted.sorted { $0.date < $1.date }
        guard sessions.count >= 4 else { return LogReplay(sections: [], fitted: ["too few sessions to replay"]) }
        let half = sessions.count / 2
        let overload = OverloadReplay(sessions: sessions)
        let recs = RecommendationReplay(sessions: sessions)
        let routine = RoutineModel(sessions: sessions)
        let days = NextDayReplay(sessions: sessions)
        let dayHalf = SessionTyping.utc.dateComponents([.day], from: SessionTyping.utc.startOfDay(for: sessions[0].date),
                                                       to: SessionTyping.utc.startOfDay(for: sessions[half].date)).day ?? 1
        let age = profile.age ?? 30
        func lstm(_ h: [WorkoutType]) -> [Double] {
            let window = Array((Array(repeating: WorkoutType.rest, count: 6) + h).suffix(6)).map(\.rawValue)
            return predictor!.model.predict(days: window, features: NextWorkoutPredictor.features(age: age, level: profile.experience, goal: profile.goal))
        }
        func personal(_ r: PersonalRhythm) -> ([WorkoutType]) -> [Double] {
            { h in r.predict(days: h, prior: predictor == nil ? nil : lstm(h)) }
        }

        // Fit on the first half.
        let defaultRules = OverloadRules()
        let firstHalf: (OverloadReplay.Case) -> Bool = { $0.sessionIndex < half }
        let fittedRules = SuggestionOutcomes(replay: overload, profile: profile, rules: defaultRules, where: firstHalf)
            .calibrated(defaultRules, where: firstHalf)
        var fittedRhythm = PersonalRhythm(), bestLoss = Double.infinity
        for hl in [2.0, 4, 8] { for order in [2, 3, 4] {
            let r = PersonalRhythm(halfLifeWeeks: hl, order: order)
            let loss = days.figures("fit", from: 1, to: dayHalf, predict: personal(r)).logLoss
            if loss < bestLoss { bestLoss = loss; fittedRhythm = r }
        }}
        let fitted = [
            "overload increaseAtRPE \(format(fittedRules.calibration.increaseAtRPE)) (default \(format(defaultRules.calibration.increaseAtRPE))), deloads on \(fittedRules.calibration.deloadOn.map(\.rawValue).sorted().joined(separator: "/")) (default all three)",
            "overload habit " + (fittedRules.calibration.habit.map { "fitted on \($0.cases) transitions, weights " + $0.weights.map { String(format: "%.2f", $0) }.joined(separator: " ") } ?? "none"),
            "overload usual steps " + (fittedRules.calibration.usualSteps?.summary ?? "none"),
            "rhythm half-life \(format(fittedRhythm.halfLifeWeeks)) weeks, order \(fittedRhythm.order) days (default 4, 3)",
        ]

        let online = overload.rulesCalibratedOnline(defaultRules, profile: profile)
        func section(_ label: String, sessionRange: Range<Int>, dayRange: Range<Int>, rules: OverloadRules, rhythm: PersonalRhythm) -> Section {
            let inRange: (OverloadReplay.Case) -> Bool = { sessionRange.contains($0.sessionIndex) }
            let o = [
                overload.figures("repeat last top set", where: inRange, predict: OverloadReplay.repeatLast),
                overload.figures("last + 1.25 kg if RPE <= 8", where: inRange, predict: OverloadReplay.lastPlusIncrementIfEasy),
                overload.figures("overload rules", where: inRange, predict: OverloadReplay.rules(rules, profile: profile)),
                overload.figures("rules calibrated online (served)", where: inRange, predict: online),
            ]
            let (a, b) = (sessionRange.lowerBound, sessionRange.upperBound)
            let r = [
                recs.figures("most frequent exercises", from: a, to: b, rank: recs.mostFrequent),
                recs.figures("split done longest ago", from: a, to: b, rank: recs.splitDoneLongestAgo),
                recs.figures("routine (history alone)", from: a, to: b, rank: recs.routine(routine)),
                recs.figures("routine + planned split", from: a, to: b, rank: recs.routine(routine, planned: true)),
            ]
            let (da, db) = (dayRange.lowerBound, dayRange.upperBound)
            var d = [
                days.figures("majority type so far", from: da, to: db, predict: NextDayReplay.majority),
                days.figures("always strength", from: da, to: db, predict: NextDayReplay.alwaysStrength),
                days.figures("user Markov chain", from: da, to: db, predict: NextDayReplay.markov),
            ]
            if predictor != nil { d.append(days.figures("LSTM alone", from: da, to: db, predict: lstm)) }
            d.append(days.figures(predictor == nil ? "personal rhythm (uniform prior)" : "LSTM + personal rhythm", from: da, to: db, predict: personal(rhythm)))
            return Section(label: label, overload: o, recommendations: r, nextDay: d)
        }
        return LogReplay(sections: [
            section("whole log (defaults)", sessionRange: 1..<sessions.count, dayRange: 1..<days.days.count, rules: defaultRules, rhythm: PersonalRhythm()),
            section("first half (defaults)", sessionRange: 1..<half, dayRange: 1..<dayHalf, rules: defaultRules, rhythm: PersonalRhythm()),
            section("second half (fitted on the first)", sessionRange: half..<sessions.count, dayRange: dayHalf..<days.days.count,
                    rules: fittedRules, rhythm: fittedRhythm),
        ], fitted: fitted)
    }
}
