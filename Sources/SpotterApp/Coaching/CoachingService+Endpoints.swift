import Coaching
import Foundation
import Store
import Wire

extension CoachingService {
    /// The next session's target for `exercise` (a knowledge id, a name or alias, or the name as
    /// logged), in the user's units, decided by the rules calibrated to this lifter (cached per log
    /// version) with their acceptance. 404 for an unknown user or an exercise they never logged.
    public func overload(user: String, exercise: String, asOf: Date = Date()) async throws -> OverloadWire {
        let h = try await history(user: user)
        guard let id = loggedExercise(exercise, in: h) else {
            throw SpotterAppError(.noHistory, "user '\(user)' has no logged sets of '\(exercise.prefix(80))'; log a workout with it first (GET /v1/users/\(user)/workouts lists what is logged)")
        }
        let calibration = await calibrations.calibration(user: user, history: h, base: rules)
        return try overloadWire(user: user, id: id, history: h, asOf: asOf, calibration: calibration)
    }

    /// The suggestion in wire terms, from this exercise's history as logged only (not the whole
    /// `TrainingFeatures`: the endpoint's budget is 50 ms over a long log). With `calibration`
    /// (the lifter's, from `calibrations`) its rules decide and its tallies fill `acceptance`;
    /// without it the service's default rules decide.
    func overloadWire(user: String, id: String, history h: History, asOf: Date, calibration: UserCalibration? = nil) throws -> OverloadWire {
        let past = h.sessions.filter { $0.date <= asOf }
        guard let ex = ExerciseFeatures.resolve(exercise: id, sessions: past, asOf: asOf) else {
            throw CoachingError.noHistory(exercise: id)
        }
        let r = TrainingFeatures.recoveryFeatures(h.checkIns.filter { $0.date <= asOf }, asOf: asOf)
        let rules = calibration?.rules ?? self.rules
        let s = rules.suggest(exercise: ex, recovery: r, profile: h.profile, asOf: asOf,
                              trainingBreakDays: past.last.map { asOf.timeIntervalSince($0.date) / 86_400 })
        let unit = h.profile.units
        func inUnit(_ kg: Double?) -> Double? { kg.map { WireRounding.round(unit.fromKilograms($0)) } }
        return OverloadWire(
            user: user, exercise: .init(id: s.exerciseId, name: s.exerciseName), weight: s.weight, unit: unit.rawValue,
            repRange: .init(min: s.repRange.lowerBound, max: s.repRange.upperBound), targetReps: s.targetReps,
            direction: s.direction.rawValue, rule: s.rule.rawValue, confidence: WireRounding.round(s.confidence),
            reasons: s.reasons, allowPRAttempt: s.allowPRAttempt,
            features: .init(sessions: ex.sessionCount, lastDate: ex.last?.date,
                            lastTopSetWeight: inUnit(ex.last?.topSetWeightKg), lastTopSetReps: ex.last?.topSetReps,
                            lastAverageRPE: ex.last?.averageRPE, e1rm: inUnit(ex.last?.e1RM),
                            weightTrend: ex.weightTrend.rawValue, volumeTrend: ex.volumeTrend.rawValue,
                            rpeTrend: ex.rpeTrend.rawValue, stalled: ex.isStalled,
                            sleepHours7d: r.sleepHours7d, soreness7d: r.soreness7d, lastSleepHours: r.lastSleepHours,
                            lastSoreness: r.lastSoreness, hardTrainingWeeks: TrainingFeatures.hardWeeks(past, asOf: asOf)),
            acceptance: calibration.map { c in
                .init(exercise: Self.tally(c.perExercise[ex.loggedName ?? s.exerciseName] ?? OutcomeTally()),
                      user: Self.tally(c.overall), increaseAtRPE: c.rules.calibration.increaseAtRPE)
            })
    }

    static func tally(_ t: OutcomeTally) -> OverloadWire.Tally {
        .init(accepted: t.accepted, changedUp: t.changedUp, changedDown: t.changedDown, failed: t.failed, total: t.total,
              rate: WireRounding.round(t.acceptanceRate))
    }

    /// The top `k` exercises (1–50) for the user now, optionally only those whose primary muscles
    /// include `muscle` (free-exercise-db name, e.g. `chest`, `lower back`). Cold start when the
    /// user has no sessions.
    ///
    /// With history the list leads with the lifter's routine (the split they are most likely to do
    /// next, ranked by each exercise's chance of being in it); `split` names the session the app
    /// has planned (a logged session title, e.g. "Push Day"), which then decides the routine part.
    public func exerciseRecommendations(user: String, k: Int = 10, muscle: String? = nil, split: String? = nil,
                                        asOf: Date = Date()) async throws -> ExerciseRecommendationsWire {
        guard (1...50).contains(k) else { throw SpotterAppError(.invalidField("k"), "k \(k) is outside 1–50") }
        var target: Muscle?
        if let muscle {
            guard let m = Muscle(rawValue: muscle.lowercased().replacingOccurrences(of: "_", with: " ")) else {
                throw SpotterAppError(.invalidField("muscle"), "muscle '\(muscle.prefix(40))' is not one of: \(Muscle.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            target = m
        }
        let h = try await history(user: user)
        let features: TrainingFeatures? = h.sessions.isEmpty ? nil : self.features(h, asOf: asOf)
        return ExerciseRecommendationsWire(user: user, coldStart: features == nil,
                                           recommendations: recommend(profile: h.profile, features: features, sessions: h.sessions,
                                                                      asOf: asOf, k: k, muscle: target, split: split))
    }

    func recommend(profile: Coaching.UserProfile, features: TrainingFeatures?, sessions: [WorkoutSession], asOf: Date,
                   k: Int, muscle: Muscle? = nil, split: String? = nil) -> [ExerciseRecommendationsWire.Item] {
        let excluded = muscle.map { m in Set(catalog.exercises.filter { !$0.primaryMuscles.contains(m) }.map(\.id)) } ?? []
        let trimmed = split?.trimmingCharacters(in: .whitespaces)
        return recommender.recommend(profile: profile, features: features, sessions: sessions, asOf: asOf, k: k,
                                     plannedSplit: trimmed?.isEmpty == false ? trimmed : nil, excluding: excluded).map { r in
            .init(id: r.exercise.id, name: r.exercise.name, equipment: r.exercise.equipment,
                  primaryMuscles: r.exercise.primaryMuscles.map(\.rawValue), score: WireRounding.round(r.score),
                  components: ["muscle_balance": WireRounding.round(r.muscleBalance), "recovery": WireRounding.round(r.recovery),
                               "preference": WireRounding.round(r.preference), "goal_alignment": WireRounding.round(r.goalAlignment),
                               "experience_match": WireRounding.round(r.experienceMatch), "novelty": WireRounding.round(r.novelty)],
                  reasons: r.reasons)
        }
    }

    /// The top `k` program templates (1–20) for the user's profile.
    public func programRecommendations(user: String, k: Int = 3) async throws -> ProgramRecommendationsWire {
        guard (1...20).contains(k) else { throw SpotterAppError(.invalidField("k"), "k \(k) is outside 1–20") }
        guard let stored = try await store.user(id: user) else { throw StoreError.userNotFound(user) }
        let profile = CoachingInputs.profile(stored, catalog: catalog)
        return ProgramRecommendationsWire(user: user, programs: programs.recommend(profile: profile, k: k).map { p in
            .init(id: p.template.id, name: p.template.name, score: WireRounding.round(p.score), ruleScore: WireRounding.round(p.ruleScore),
                  similarity: WireRounding.round(Double(p.similarity)), reasons: p.reasons)
        })
    }

    /// The next day's workout-type probabilities: the LSTM's answer blended with the user's own
    /// rhythm (what they do on that weekday and after the same recent days; `PersonalRhythm`),
    /// so a lifter who never cycles is not told to cycle. 503 while the LSTM loads or trains.
    public func nextWorkout(user: String, now: Date = Date()) async throws -> NextWorkoutWire {
        let predictor = try nextWorkoutModel.current()
        let h = try await history(user: user)
        return nextWorkoutWire(user: user, history: h, predictor: predictor, now: now)
    }

    /// How far back the personal rhythm reads the log.
    static let rhythmWindowDays = 182

    func nextWorkoutWire(user: String, history h: History, predictor: NextWorkoutPredictor, now: Date) -> NextWorkoutWire {
        let day = 86_400.0
        let today = UTCDay(now).start
        let yesterday = today.addingTimeInterval(-day)
        let start = max(h.sessions.first.map { UTCDay($0.date).start } ?? yesterday, today.addingTimeInterval(-day * Double(Self.rhythmWindowDays)))
        // One type per calendar day, consecutive, ending yesterday (rest on days with no session).
        let types = h.sessions.isEmpty || start > yesterday ? [] : SessionTyping.days(
            h.sessions, from: start, through: yesterday, category: { self.catalog.categories[$0]?.rawValue })
        let age = h.profile.age ?? 30
        let ranked = predictor.predict(history: types, age: age, level: h.profile.experience, goal: h.profile.goal)
        let shown = types.enumerated().suffix(6).map { (date: start.addingTimeInterval(day * Double($0.offset)), type: $0.element) }
        return NextWorkoutWire(
            user: user, date: CoachingInputs.dayString(today),
            history: shown.map { .init(date: CoachingInputs.dayString($0.date), type: $0.type.description.lowercased()) },
            features: NextWorkoutPredictor.features(age: age, level: h.profile.experience, goal: h.profile.goal),
            probabilities: Dictionary(uniqueKeysWithValues: ranked.map { ($0.type.description.lowercased(), $0.probability) }),
            ranked: ranked.map { .init(type: $0.type.description.lowercased(), probability: $0.probability) })
    }
}
