import Coaching
import Foundation
import SpotterApp

/// `make bench` figures for the grounding models: overload suggestion p99, exercise
/// recommendations over 1,000+ exercises p99, the overload and recommendation endpoints as served
/// over a user with the whole 14-month Hevy export, LSTM inference per prediction, LSTM training wall time.
enum CoachingBench {
    static func run() async throws {
        let root = repositoryRoot()
        let catalogURL = root.appendingPathComponent("../shared/data/free-exercise-db/exercises.json").standardizedFileURL
        let base = try CoachingCatalog.freeExerciseDB(contentsOf: catalogURL)
        // 1,746 exercises: the catalog twice (ids made distinct).
        let catalog = base + base.map { var e = $0; e.id += "#2"; return e }

        // A year of training: 3 sessions a week, 6 exercises each, with check-ins.
        let start = Date(timeIntervalSince1970: 1_735_000_000)
        var sessions: [WorkoutSession] = [], checkIns: [CheckIn] = []
        for week in 0..<52 {
            for (d, offset) in [0, 2, 4].enumerated() {
                let date = start + Double(week * 7 + offset) * 86_400
                let exercises = (0..<6).map { i -> ExercisePerformance in
                    let e = base[(d * 6 + i) * 7 % base.count]
                    let kg = 40 + Double(week) * 0.5 + Double(i) * 5
                    return ExercisePerformance(exerciseId: e.id, name: e.name, primaryMuscles: e.primaryMuscles,
                                               secondaryMuscles: e.secondaryMuscles,
                                               sets: (0..<3).map { s in LoggedSet(weightKg: kg, reps: 8 + (week % 4), rpe: 7 + Double(s) * 0.5) })
                }
                sessions.append(WorkoutSession(date: date, exercises: exercises))
                checkIns.append(CheckIn(date: date, sleepHours: 6.5 + Double(week % 3) * 0.5, soreness: week % 5))
            }
        }
        let asOf = sessions.last!.date + 86_400
        let profile = UserProfile(age: 34, units: .lb, experience: .intermediate, goal: .hypertrophy, daysPerWeek: 3,
                                  equipment: ["barbell", "dumbbell", "cable", "machine"], injuries: ["knee"])
        let exerciseId = sessions.last!.exercises[0].exerciseId
        let rules = OverloadRules()

        let overload = measure(runs: 200) {
            let f = TrainingFeatures.compute(sessions: sessions, checkIns: checkIns, asOf: asOf)
            _ = try? rules.suggest(exerciseId: exerciseId, features: f, profile: profile)
        }
        let features = TrainingFeatures.compute(sessions: sessions, checkIns: checkIns, asOf: asOf)
        let suggestOnly = measure(runs: 2000) { _ = try? rules.suggest(exerciseId: exerciseId, features: features, profile: profile) }
        let direct = measure(runs: 1000) {
            _ = try? rules.suggest(exerciseId: exerciseId, sessions: sessions, checkIns: checkIns, asOf: asOf, profile: profile)
        }
        report("overload suggestion from the log (156 sessions, one exercise's features + rules)", direct)
        report("overload suggestion with all TrainingFeatures (156 sessions)", overload)
        report("overload suggestion (rules only, features cached)", suggestOnly)

        let recommender = ExerciseRecommender(catalog: catalog)
        let recs = measure(runs: 200) { _ = recommender.recommend(profile: profile, features: features, k: 10) }
        report("exercise recommendations, top 10 of \(catalog.count) exercises", recs)
        try await servedOverRealLog(root: root)

        print("training the next-workout LSTM (2,000 sequences, seed 42)…")
        let run = LSTMTrainingRun.run(seed: 42)
        print(String(format: "LSTM training wall time: %.1f s (%d epochs); test accuracy %.3f, Markov baseline %.3f",
                     run.wallSeconds, run.epochs, run.testAccuracy, run.markovTestAccuracy))
        let predictor = NextWorkoutPredictor(model: run.model)
        let lstm = measure(runs: 2000) {
            _ = predictor.predict(lastDays: [.strength, .rest, .cardio, .strength, .rest, .hiit], age: 34,
                                  level: .intermediate, goal: .hypertrophy)
        }
        report("LSTM inference per prediction", lstm)
    }

    /// Per-call durations in milliseconds, sorted.
    static func measure(runs: Int, _ body: () -> Void) -> [Double] {
        let clock = ContinuousClock()
        for _ in 0..<min(10, runs) { body() }
        return (0..<runs).map { _ in
            let t = clock.now
            body()
            let d = clock.now - t
            return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15
        }.sorted()
    }

    static func report(_ name: String, _ ms: [Double]) {
        func q(_ p: Double) -> Double { ms[min(ms.count - 1, Int(Double(ms.count) * p))] }
        print(String(format: "%@: p50 %.3f ms  p99 %.3f ms  (n=%d)", name, q(0.5), q(0.99), ms.count))
    }

    /// The nearest directory at or above the working directory that holds Package.swift.
    static func repositoryRoot() -> URL {
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }
}
