import Coaching
import Foundation
import Knowledge
import SpotterApp
import Store

extension CoachingBench {
    /// The latency budgets as served, over a user with the whole 14-month Hevy export (335
    /// sessions) in an in-memory store and the repository's knowledge base: the overload endpoint
    /// (budget 50 ms) and exercise recommendations (budget 100 ms), each through `CoachingService`
    /// as the routes call it (one history read, features, the rules), with the user's calibration
    /// cached; the refit a new session costs once (the log replayed through the rules, the
    /// thresholds refitted, the acceptance tallied); and what the first request after a new
    /// session costs with that refit started in the background by the write (`firstRequestAfterWrite`).
    static func servedOverRealLog(root: URL) async throws {
        let file = root.appendingPathComponent("../shared/data/logs/hevy_export_sample.csv").standardizedFileURL
        guard let csv = try? String(contentsOf: file, encoding: .utf8) else {
            print("no Hevy export at \(file.path): the served latencies over a real log are skipped")
            return
        }
        let kb = try KnowledgeBase.load(directory: root.appendingPathComponent("knowledge"))
        let store = try SpotterStore.inMemory()
        _ = try await store.saveUser(Store.UserProfile(id: "lifter", age: 30, units: .kg, experience: .intermediate, goal: .hypertrophy))
        _ = try await store.importWorkouts(csv: csv, format: .hevy, user: "lifter")
        let lstm = Loadable<NextWorkoutPredictor>(name: "the next-workout model")
        lstm.resolve(NextWorkoutPredictor(model: NextWorkoutLSTM(seed: 1)))
        let coaching = CoachingService(store: store, catalog: CoachingCatalog(knowledgeBase: kb), nextWorkout: lstm,
                                       similarity: { _, _ in 0 })
        let h = try await coaching.history(user: "lifter")
        let asOf = h.sessions.last!.date + 86_400
        let exercise = h.sessions.last!.exercises.first { $0.topSet?.weightKg ?? 0 > 0 }?.loggedName ?? h.sessions.last!.exercises[0].loggedName

        let refit = measure(runs: 5) { _ = UserCalibrations.fit(sessions: h.sessions, profile: h.profile, base: coaching.rules) }
        report("overload calibration refit after a new session (\(h.sessions.count) sessions, once per log version)", refit)
        _ = try await coaching.overload(user: "lifter", exercise: exercise, asOf: asOf)   // fills the cache
        let overload = try await measureAsync(runs: 100) { _ = try await coaching.overload(user: "lifter", exercise: exercise, asOf: asOf) }
        report("GET overload/\(exercise) served, whole log, calibration cached (budget 50 ms)", overload)
        let recs = try await measureAsync(runs: 50) { _ = try await coaching.exerciseRecommendations(user: "lifter", k: 10, asOf: asOf) }
        report("GET recommendations/exercises served, whole log, \(coaching.catalog.exercises.count) exercises (budget 100 ms)", recs)
        try await firstRequestAfterWrite(coaching: coaching, store: store, user: "lifter", exercise: exercise, asOf: asOf)
    }

    /// Per-call durations in milliseconds of an async body, sorted.
    static func measureAsync(runs: Int, _ body: () async throws -> Void) async rethrows -> [Double] {
        let clock = ContinuousClock()
        for _ in 0..<min(5, runs) { try await body() }
        var out: [Double] = []
        for _ in 0..<runs {
            let t = clock.now
            try await body()
            let d = clock.now - t
            out.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15)
        }
        return out.sorted()
    }
}
