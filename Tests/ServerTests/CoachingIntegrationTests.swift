import Agents
import Coaching
import Foundation
@testable import Server
@testable import SpotterApp
import Store
import Testing

/// The coaching endpoints and the chat grounding, through `CoachingService` (what the routes call)
/// over a real store and the repository's knowledge base.
@Suite struct CoachingIntegrationTests {
    let now = Date(timeIntervalSince1970: 1_763_900_000) // 2025-11-23 12:13 UTC

    /// A lb user with three easy bench sessions (100 kg × 12 at RPE 6) in the last week.
    func easyBencher(_ coaching: CoachingService, user: String = "ana") async throws {
        _ = try await coaching.store.saveUser(Store.UserProfile(id: user, age: 34, units: .lb, experience: .intermediate, goal: .hypertrophy))
        for d in [6, 4, 2] {
            _ = try await coaching.store.saveWorkout(session("Bench Press (Barbell)", id: "barbell-bench-press", at: day(d, before: now),
                                                             kg: 100, reps: 12, rpe: 6), user: user)
        }
    }

    @Test func overload_forLoggedExercise_givesTheRulesResultInTheUsersUnits() async throws {
        let coaching = try makeCoaching()
        try await easyBencher(coaching)
        let o = try await coaching.overload(user: "ana", exercise: "Bench Press (Barbell)", asOf: now)

        // The rules on hand-built inputs, independent of the adapters.
        let sets = [LoggedSet(weightKg: 50, reps: 10, type: .warmup)] + Array(repeating: LoggedSet(weightKg: 100, reps: 12, rpe: 6), count: 3)
        let sessions = [6, 4, 2].map { WorkoutSession(date: day($0, before: now), exercises: [ExercisePerformance(exerciseId: "barbell-bench-press", name: "Barbell Bench Press", sets: sets)]) }
        let expected = try OverloadRules().suggest(exerciseId: "barbell-bench-press", sessions: sessions, asOf: now,
                                                   profile: Coaching.UserProfile(units: .lb, experience: .intermediate, goal: .hypertrophy))
        #expect(o.exercise.id == "barbell-bench-press")
        #expect(o.unit == "lb")
        #expect(o.direction == "increase")
        #expect(o.weight == expected.weight)
        #expect(o.weight > 220.46 && o.weight.truncatingRemainder(dividingBy: 2.5) == 0)
        #expect(o.repRange == .init(min: expected.repRange.lowerBound, max: expected.repRange.upperBound))
        #expect(o.allowPRAttempt)
        #expect(o.features.sessions == 3 && o.features.lastTopSetWeight == 220.46)
        // The same exercise by knowledge id and by alias.
        #expect(try await coaching.overload(user: "ana", exercise: "barbell-bench-press", asOf: now).weight == o.weight)
        #expect(try await coaching.overload(user: "ana", exercise: "flat bench press", asOf: now).weight == o.weight)
    }

    @Test func overload_afterFiveHoursSleepAndSoreness8_deloadsWithNoPRAttempt() async throws {
        let coaching = try makeCoaching()
        try await easyBencher(coaching)
        _ = try await coaching.store.saveCheckin(CheckIn(date: now, sleepHours: 5, soreness: 8), user: "ana")
        let o = try await coaching.overload(user: "ana", exercise: "barbell-bench-press", asOf: now)
        #expect(o.direction == "deload")
        #expect(o.rule == "poor_recovery")
        #expect(!o.allowPRAttempt)
        #expect(o.weight < 220.46 && o.weight >= 220.46 * 0.85)
        #expect(o.features.lastSleepHours == 5)
    }

    @Test func overload_reportsWhatTheLifterDidWithEachSuggestion_andRefitsOnlyWhenANewSessionIsLogged() async throws {
        let coaching = try makeCoaching()
        try await easyBencher(coaching)
        let o = try await coaching.overload(user: "ana", exercise: "Bench Press (Barbell)", asOf: now)
        // Sessions 2 and 3 answer the suggestions made after sessions 1 and 2: add load (RPE 6);
        // the lifter stayed at 100 kg both times.
        let a = try #require(o.acceptance)
        #expect(a.exercise == .init(accepted: 0, changedUp: 0, changedDown: 2, failed: 0, total: 2, rate: 0))
        #expect(a.user == a.exercise)
        #expect(coaching.calibrations.totals().users == 1 && coaching.calibrations.totals().tally.total == 2)

        // An unchanged log reads the cache; a new session changes the log's version and is counted.
        _ = try await coaching.overload(user: "ana", exercise: "Bench Press (Barbell)", asOf: now)
        #expect(coaching.calibrations.totals().tally.total == 2)
        _ = try await coaching.store.saveWorkout(session("Bench Press (Barbell)", id: "barbell-bench-press", at: day(1, before: now),
                                                         kg: 102.5, reps: 10, rpe: 8), user: "ana")
        let next = try await coaching.overload(user: "ana", exercise: "Bench Press (Barbell)", asOf: now)
        #expect(next.acceptance?.exercise.total == 3 && next.acceptance?.exercise.changedDown == 2)
        #expect(coaching.calibrations.totals().tally.total == 3)

        let metrics = MetricsRoutes.render(coaching.calibrations.totals())
        #expect(metrics.contains("spotter_overload_suggestion_outcomes{outcome=\"changed_down\"} 2"))
        #expect(metrics.contains("spotter_overload_calibrated_users 1"))
    }

    @Test func everyEndpoint_forAnUnknownUser_is404() async throws {
        let coaching = try makeCoaching()
        for call in [
            { _ = try await coaching.overload(user: "nobody", exercise: "squat") },
            { _ = try await coaching.exerciseRecommendations(user: "nobody") },
            { _ = try await coaching.programRecommendations(user: "nobody") },
            { _ = try await coaching.nextWorkout(user: "nobody") },
        ] as [@Sendable () async throws -> Void] {
            do { try await call(); Issue.record("expected a 404") } catch { #expect(httpStatus(error) == 404) }
        }
    }

    @Test func overload_forAnExerciseNeverLogged_is404NoHistory() async throws {
        let coaching = try makeCoaching()
        try await easyBencher(coaching)
        do {
            _ = try await coaching.overload(user: "ana", exercise: "barbell-back-squat")
            Issue.record("expected a 404")
        } catch {
            #expect(httpStatus(error) == 404)
            #expect(APIError.translate(error).code == "no_history")
        }
    }

    @Test func exerciseRecommendations_excludeMissingEquipmentAndExercisesContraindicatedForTheInjury() async throws {
        let coaching = try makeCoaching()
        _ = try await coaching.store.saveUser(Store.UserProfile(id: "kim", units: .kg, experience: .beginner, goal: .generalFitness,
                                                                equipment: ["dumbbell"], injuries: ["knee pain"]))
        let r = try await coaching.exerciseRecommendations(user: "kim", k: 50)
        #expect(r.coldStart)
        #expect(!r.recommendations.isEmpty)
        for item in r.recommendations {
            let e = try #require(testCatalog.exercise(id: item.id))
            #expect(e.isBodyweight || e.equipment == "dumbbell", "\(e.id) needs \(e.equipment ?? "-")")
            #expect(!ContraindicationRules.isContraindicated(e, site: "knee"), "\(e.id) loads the knee")
            #expect(abs(item.components.values.reduce(0, +) - item.score) < 0.1)
        }
        // Without the restrictions the same user would get barbell and knee-dominant exercises.
        _ = try await coaching.store.saveUser(Store.UserProfile(id: "kim", units: .kg, experience: .beginner, goal: .generalFitness))
        let open = try await coaching.exerciseRecommendations(user: "kim", k: 50).recommendations.compactMap { testCatalog.exercise(id: $0.id) }
        #expect(open.contains { !$0.isBodyweight && $0.equipment != "dumbbell" })
        #expect(open.contains { ContraindicationRules.isContraindicated($0, site: "knee") })
    }

    @Test func exerciseRecommendations_withMuscle_keepOnlyThatPrimaryMuscle() async throws {
        let coaching = try makeCoaching()
        try await easyBencher(coaching)
        let r = try await coaching.exerciseRecommendations(user: "ana", k: 5, muscle: "lats")
        #expect(!r.coldStart)
        #expect(!r.recommendations.isEmpty && r.recommendations.allSatisfy { $0.primaryMuscles.contains("lats") })
        do { _ = try await coaching.exerciseRecommendations(user: "ana", muscle: "wings"); Issue.record("expected 422") }
        catch { #expect(httpStatus(error) == 422) }
    }

    @Test func programRecommendations_rankTemplatesMatchingTheGoalFirst() async throws {
        let coaching = try makeCoaching()
        _ = try await coaching.store.saveUser(Store.UserProfile(id: "lee", units: .kg, experience: .beginner, goal: .strength, daysPerWeek: 3))
        let r = try await coaching.programRecommendations(user: "lee", k: 3)
        #expect(r.programs.count == min(3, testCatalog.templates.count))
        let first = try #require(testCatalog.templates.first { $0.id == r.programs[0].id })
        #expect(first.goals.contains(.strength))
        #expect(zip(r.programs, r.programs.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func nextWorkout_returnsSevenProbabilitiesSummingToOne() async throws {
        let coaching = try makeCoaching()
        try await easyBencher(coaching)
        _ = try await coaching.store.saveWorkout(NewWorkout(title: "Morning Run", startedAt: day(1, before: now), exercises: [
            WorkoutExercise(name: "Running", sets: [WorkoutSet(distanceMeters: 5000, durationSeconds: 1500)]),
        ]), user: "ana")
        let r = try await coaching.nextWorkout(user: "ana", now: now)
        #expect(r.probabilities.count == 7)
        #expect(Set(r.probabilities.keys) == ["rest", "cardio", "strength", "hiit", "yoga", "swimming", "cycling"])
        #expect(abs(r.probabilities.values.reduce(0, +) - 1) < 1e-6)
        #expect(r.probabilities.values.allSatisfy { $0 >= 0 })
        #expect(r.date == CoachingInputs.dayString(now))
        // Window: 6 days ending yesterday: strength 6, 4 and 2 days ago, the run yesterday.
        #expect(r.history.map(\.type) == ["strength", "rest", "strength", "rest", "strength", "cardio"])
        #expect(r.features == [0.34, 0.5, 0.5])
    }

    @Test func workoutTypeConverter_mapsTitlesExercisesAndCategories() {
        func type(_ title: String?, _ exercises: [WorkoutExercise]) -> WorkoutType {
            CoachingInputs.sessionType(NewWorkout(title: title, startedAt: now, exercises: exercises), catalog: testCatalog)
        }
        let row = WorkoutExercise(name: "Barbell Row", exerciseID: "barbell-row", sets: [WorkoutSet(weightKg: 60, reps: 8)])
        #expect(type("Pull day", [row]) == .strength)
        #expect(type("Evening swim", [row]) == .swimming)
        #expect(type(nil, [WorkoutExercise(name: "Cycling (Indoor)", sets: [WorkoutSet(durationSeconds: 1800)])]) == .cycling)
        #expect(type("Sunday flow", [WorkoutExercise(name: "Yoga", sets: [WorkoutSet(durationSeconds: 3600)])]) == .yoga)
        #expect(type("Tabata", [WorkoutExercise(name: "Burpee", sets: [WorkoutSet(reps: 20)])]) == .hiit)
        #expect(type(nil, [WorkoutExercise(name: "Elliptical Trainer", sets: [WorkoutSet(durationSeconds: 1200)])]) == .cardio)
    }

    @Test func grounding_forAnExerciseNamedInTheMessage_givesOverloadFactsWithRanges() async throws {
        let coaching = try makeCoaching()
        try await easyBencher(coaching)
        let provider = CoachingGroundingProvider(coaching: coaching)
        let facts = try await provider.groundingFacts(for: "What weight should I bench press today?", user: "ana", now: now)
        let overload = facts.filter { $0.kind == "overload" }
        let load = try #require(overload.first { $0.unit == "lb" })
        let expected = try await coaching.overload(user: "ana", exercise: "barbell-bench-press", asOf: now)
        #expect(load.subject == "Barbell Bench Press")
        #expect(load.min == expected.weight && load.max == expected.weight)
        let reps = try #require(overload.first { $0.unit == "reps" })
        #expect(reps.min == Double(expected.repRange.min) && reps.max == Double(expected.repRange.max))
        #expect(facts.contains { $0.kind == "recovery" })
        #expect(load.advice?.hasPrefix("Next Barbell Bench Press session: ") == true && load.advice?.contains(" lb × ") == true)
        // Facts are chosen by intent: a load question gets no plan-only facts.
        #expect(!facts.contains { $0.kind == "next_workout" })
        #expect(!facts.contains { $0.kind == "recommendation" })
    }

    @Test func grounding_forAProgressQuestion_givesTheTrueProgressFiguresAndNoLoadDecision() async throws {
        let coaching = try makeCoaching()
        _ = try await coaching.store.saveUser(Store.UserProfile(id: "sam", age: 30, units: .kg, experience: .intermediate, goal: .strength))
        for (daysAgo, kg) in [(58, 100.0), (40, 102.5), (20, 107.5), (3, 110.0)] {
            _ = try await coaching.store.saveWorkout(session("Squat (Barbell)", id: "barbell-squat", at: day(daysAgo, before: now),
                                                             kg: kg, reps: 5, rpe: 8, title: "Legs"), user: "sam")
        }
        let provider = CoachingGroundingProvider(coaching: coaching)
        let facts = try await provider.groundingFacts(for: "How has my squat progressed over the last two months?", user: "sam", now: now)
        let progress = try #require(facts.first { $0.kind == "progress" })
        #expect(progress.advice == "Your Squat (Barbell) went from 100 kg × 5 to 110 kg × 5 over the last 2 months, up 10 kg on the top set. Your estimated one-rep max is now about 128.3 kg.")
        #expect(progress.text.contains("4 sessions"))
        #expect(progress.text.contains("3 records"))
        #expect(!facts.contains { $0.kind == "overload" }, "a question about the log gets no load decision")
        let consistency = try await provider.groundingFacts(for: "How consistent have I been?", user: "sam", now: now)
        #expect(consistency.first { $0.kind == "consistency" }?.text.hasPrefix("2 sessions in the last 4 weeks") == true)
    }

    @Test func grounding_withPoorRecoveryAndAQuestionWhatToAdd_saysDeloadAndRecommends() async throws {
        let coaching = try makeCoaching()
        try await easyBencher(coaching)
        _ = try await coaching.store.saveCheckin(CheckIn(date: now, sleepHours: 5, soreness: 8), user: "ana")
        let provider = CoachingGroundingProvider(coaching: coaching)
        // No exercise named: the last session's main lifts are in play.
        let facts = try await provider.groundingFacts(for: "What should I add to my routine?", user: "ana", now: now)
        let recovery = try #require(facts.first { $0.kind == "recovery" })
        #expect(recovery.text.contains("deload") && recovery.text.contains("no PR"))
        let load = try #require(facts.first { $0.kind == "overload" && $0.unit == "lb" })
        #expect(load.text.contains("No PR attempts") && (load.max ?? 999) < 220.46)
        #expect(facts.filter { $0.kind == "recommendation" }.count == 3)
        #expect(try await provider.groundingFacts(for: "hi", user: "stranger", now: now).isEmpty)
    }
}
