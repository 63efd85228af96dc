import Coaching
import Foundation
import SpotterApp
import Store

extension BenchSection {
    static let replay = BenchSection(name: "replay", summary: "grounding models replayed over a real export beside trivial baselines (replay FILE --format hevy|strong)") { options in
        try await ReplayBench.run(file: options.replayFile ?? "../shared/data/logs/hevy_export_sample.csv", format: options.replayFormat)
    }
}

/// `spotter bench replay FILE --format hevy|strong`: reads an export with the Store's importer (an
/// in-memory store), replays it session by session and day by day with no future data through
/// the overload rules, the routine recommender and the next-day model beside their trivial
/// baselines (`LogReplay`), and times the models over the whole log.
///
/// Exercises keep their names as logged (no knowledge-base matching: progress per variant). The
/// profile is fixed (intermediate, hypertrophy, kg, age 30): exports carry none. The LSTM is loaded
/// from `models/next_workout_lstm.bin` when present, else trained on the synthetic data (seed 42).
enum ReplayBench {
    /// A replay failure with a message that says what to do.
    struct BenchError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    static func run(file: String, format: String) async throws {
        let url = URL(fileURLWithPath: file)
        let csv: String
        do { csv = try String(contentsOf: url, encoding: .utf8) } catch {
            throw BenchError("cannot read the export \(file): \(error.localizedDescription); pass a Hevy or Strong CSV")
        }
        let sessions = try await importSessions(csv: csv, format: format == "strong" ? .strong : .hevy)
        let profile = Coaching.UserProfile(age: 30, units: .kg, experience: .intermediate, goal: .hypertrophy)
        print("\(file): \(sessions.count) sessions, \(sessions.reduce(0) { $0 + $1.exercises.reduce(0) { $0 + $1.sets.count } }) sets")
        let predictor = try loadLSTM()
        let replay = LogReplay.run(sessions: sessions, profile: profile, predictor: predictor)
        print("fitted on the first half: " + replay.fitted.joined(separator: "; "))
        for s in replay.sections { printSection(s) }
        printMisses(sessions: sessions)
        if let whole = replay.sections.first, let rules = whole.overload.last {
            print("per exercise (overload rules vs repeat last, whole log, 12 most logged):")
            let base = Dictionary(uniqueKeysWithValues: whole.overload[0].perExercise.map { ($0.model, $0) })
            for f in rules.perExercise.prefix(12) {
                print(String(format: "  %@ n=%3d  agree %.2f (repeat %.2f)  MAE %5.2f kg (repeat %5.2f)", pad(f.model, 40), f.cases,
                             f.directionAgreement, base[f.model]?.directionAgreement ?? 0, f.meanAbsoluteErrorKg, base[f.model]?.meanAbsoluteErrorKg ?? 0))
            }
        }
        let outcomes = SuggestionOutcomes(sessions: sessions, profile: profile)
        let o = outcomes.overall
        print(String(format: "suggestion outcomes (the log as feedback): %d suggestions, accepted %.2f, changed up %d, down %d, failed %d",
                     o.total, o.acceptanceRate, o.changedUp, o.changedDown, o.failed))
        try latency(sessions: sessions, profile: profile)
    }

    static func printSection(_ s: LogReplay.Section) {
        print("-- \(s.label)")
        print("  overload (direction of the next top set, mean abs error, exact load):")
        for f in s.overload {
            print(String(format: "    %@ n=%4d  agreement %.3f  MAE %.2f kg  exact %.3f  unwanted deloads %d",
                         pad(f.model), f.cases, f.directionAgreement, f.meanAbsoluteErrorKg, f.exactShare, f.unwantedDeloads))
            if !f.rules.isEmpty {
                let cells = CoarseDirection.allCases.map { said in "said \(said.rawValue): " + CoarseDirection.allCases.map { did in "\(did.rawValue) \(f.confusion[said]?[did] ?? 0)" }.joined(separator: "/") }
                print("      lifter did (by what was said): " + cells.joined(separator: "; "))
                print("      rules (cases, agreed, exact): " + f.rules.sorted { $0.value > $1.value }.map {
                    "\($0.key.rawValue) \($0.value)/\(f.agreedByRule[$0.key] ?? 0)/\(f.exactByRule[$0.key] ?? 0)" }.joined(separator: ", "))
            }
            if !f.unwantedDeloadsByRule.isEmpty {
                print("      unwanted deloads by trigger: " + f.unwantedDeloadsByRule.sorted { $0.value > $1.value }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
            }
        }
        print("  next-session exercises (positives = performed):")
        for f in s.recommendations {
            print(String(format: "    %@ n=%4d  P@5 %.3f  R@10 %.3f  NDCG@5 %.3f  (P@5 ceiling %.3f; hits ÷ min(5, done) %.3f)", pad(f.model), f.sessions,
                         f.precisionAt5, f.recallAt10, f.ndcgAt5, f.precisionAt5Ceiling, f.precisionAtDone))
        }
        print("  next-day workout type:")
        for f in s.nextDay {
            let answers = f.predicted.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print(String(format: "    %@ n=%4d  accuracy %.3f  log-loss %.3f  (answers: %@)", pad(f.model), f.days, f.accuracy, f.logLoss, answers as NSString))
        }
    }

    /// Why "routine + planned split" misses slots of its top 5, on each half: the bounds on its P@5
    /// (`RecommendationReplay.bounds`), what the lifter did instead and where the wrong prediction
    /// came from (`RecommendationReplay.misses`).
    static func printMisses(sessions: [WorkoutSession]) {
        let replay = RecommendationReplay(sessions: sessions), routine = RoutineModel(sessions: sessions)
        let half = sessions.count / 2
        for (label, range) in [("whole log", 1..<sessions.count), ("first half", 1..<half), ("second half", half..<sessions.count)] {
            let b = replay.bounds(from: range.lowerBound, to: range.upperBound, rank: replay.routine(routine, planned: true))
            print(String(format: "P@5 bounds, routine + planned split, %@: best order of its own top 10 %.3f; best ranking of exercises logged before %.3f; perfect ranking %.3f",
                         label as NSString, b.reordered, b.fromHistory, b.ceiling))
        }
        for (label, range) in [("first half", 1..<half), ("second half", half..<sessions.count)] {
            let m = replay.misses(routine, from: range.lowerBound, to: range.upperBound)
            print("missed top-5 slots, routine + planned split, \(label): \(m.slots) in \(m.sessions) sessions; done instead: "
                  + RecommendationReplay.DoneInstead.allCases.map { "\($0.rawValue) \(m.doneInstead[$0] ?? 0)" }.joined(separator: ", ")
                  + "; predicted: " + RecommendationReplay.Predicted.allCases.map { "\($0.rawValue) \(m.predicted[$0] ?? 0)" }.joined(separator: ", "))
        }
    }

    /// `name` padded to `width` characters (String(format:) does not pad `%@`).
    static func pad(_ name: String, _ width: Int = 32) -> NSString {
        name.padding(toLength: max(width, name.count), withPad: " ", startingAt: 0) as NSString
    }

    /// Reads the export through the Store's importer and maps it to Coaching sessions.
    static func importSessions(csv: String, format: ImportFormat) async throws -> [WorkoutSession] {
        let store = try SpotterStore.inMemory()
        _ = try await store.saveUser(Store.UserProfile(id: "replay"))
        let report = try await store.importWorkouts(csv: csv, format: format, user: "replay")
        if !report.skippedRows.isEmpty { print("skipped \(report.skippedRows.count) rows (first: line \(report.skippedRows[0].line): \(report.skippedRows[0].reason))") }
        var stored: [StoredWorkout] = [], cursor: Int64?
        repeat {
            let page = try await store.workouts(user: "replay", limit: 200, before: cursor)
            stored += page.workouts
            cursor = page.nextCursor
        } while cursor != nil
        return stored.map { w in
            WorkoutSession(date: w.workout.startedAt, title: w.workout.title ?? "", exercises: w.workout.exercises.map { e in
                ExercisePerformance(exerciseId: e.exerciseID ?? e.name, name: e.name, sets: e.sets.map { s in
                    LoggedSet(weightKg: s.weightKg, reps: s.reps ?? 0, rpe: s.rpe, rir: s.rir.map(Double.init),
                              type: Coaching.SetType(rawValue: s.type.rawValue) ?? .normal,
                              distanceMeters: s.distanceMeters, durationSeconds: s.durationSeconds)
                }, loggedName: e.name)
            })
        }.sorted { $0.date < $1.date }
    }

    static func loadLSTM() throws -> NextWorkoutPredictor {
        let url = CoachingBench.repositoryRoot().appendingPathComponent("models/next_workout_lstm.bin")
        if FileManager.default.fileExists(atPath: url.path) { return try NextWorkoutPredictor(weightsAt: url) }
        print("no models/next_workout_lstm.bin: training the LSTM on the synthetic data (seed 42)…")
        return NextWorkoutPredictor(model: LSTMTrainingRun.run(seed: 42).model)
    }

    /// The latency budgets over the whole log: overload < 50 ms, recommendations < 100 ms.
    static func latency(sessions: [WorkoutSession], profile: Coaching.UserProfile) throws {
        let asOf = sessions.last!.date + 86_400
        let name = sessions.last!.exercises.first!.loggedName
        let rules = OverloadRules()
        let overload = CoachingBench.measure(runs: 200) {
            _ = try? rules.suggest(exerciseId: name, sessions: sessions, asOf: asOf, profile: profile)
        }
        CoachingBench.report("overload from the whole log (budget 50 ms)", overload)
        let calibrate = CoachingBench.measure(runs: 5) {
            let outcomes = SuggestionOutcomes(sessions: sessions, profile: profile)
            _ = outcomes.calibrated(rules)
        }
        CoachingBench.report("suggestion outcomes + calibration over the whole log (once per new session)", calibrate)
        let one = CoachingBench.measure(runs: 100) {
            _ = SuggestionOutcomes(sessions: sessions, profile: profile, exercises: [name]).perExercise[name]
        }
        CoachingBench.report("one exercise's outcomes for an overload response (\(name))", one)
        let catalogURL = CoachingBench.repositoryRoot().appendingPathComponent("../shared/data/free-exercise-db/exercises.json").standardizedFileURL
        let catalog = (try? CoachingCatalog.freeExerciseDB(contentsOf: catalogURL)) ?? []
        let recommender = ExerciseRecommender(catalog: catalog)
        let features = TrainingFeatures.compute(sessions: sessions, asOf: asOf)
        let recs = CoachingBench.measure(runs: 50) {
            _ = recommender.recommend(profile: profile, features: features, sessions: sessions, asOf: asOf, k: 10)
        }
        CoachingBench.report("recommendations with the routine, \(catalog.count) exercises, whole log (budget 100 ms)", recs)
    }
}
