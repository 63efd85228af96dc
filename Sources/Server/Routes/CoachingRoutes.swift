import Foundation
import Hummingbird
import Store
import SpotterApp
import Wire

/// The grounding models over HTTP. Every endpoint answers 404 for an unknown user, loads in the
/// user's units (kg|lb, rounded to their plates) and errors in the one JSON shape; 503 when the
/// daemon runs without a knowledge base (and, for the next workout, while the LSTM loads).
///
/// - `GET /v1/users/{user}/overload/{exercise}` — `exercise` is a knowledge id
///   (`barbell-bench-press`), a knowledge name or alias, or the name as logged (URL-encoded)
///   → `OverloadWire`: `{user, exercise: {id, name}, weight, unit, rep_range: {min, max},
///   target_reps, direction: increase|add_reps|hold|deload, rule, confidence 0–1, reasons,
///   allow_pr_attempt, features: {sessions, last_date, last_top_set_weight, last_top_set_reps,
///   last_average_rpe, e1rm, weight_trend, volume_trend, rpe_trend, stalled, sleep_hours_7d,
///   soreness_7d, last_sleep_hours, last_soreness, hard_training_weeks}}`. 404 `no_history` when
///   the user never logged the exercise.
/// - `GET /v1/users/{user}/recommendations/exercises?k=10&muscle=` (k 1–50; `muscle` a
///   free-exercise-db muscle) → `{user, cold_start, recommendations: [{id, name, equipment,
///   primary_muscles, score, components: {muscle_balance, recovery, preference, goal_alignment,
///   experience_match, novelty}, reasons}]}`.
/// - `GET /v1/users/{user}/recommendations/programs?k=3` (k 1–20) → `{user, programs: [{id,
///   name, score, rule_score, similarity, reasons}]}`.
/// - `GET /v1/users/{user}/next-workout` → `{user, date, history: [{date, type}] (6 days),
///   features: [age/100, level/2, goal/2], probabilities: {rest, cardio, strength, hiit, yoga,
///   swimming, cycling}, ranked: [{type, probability}]}`.
struct CoachingRoutes: RouteGroup {
    let context: ServerContext

    func register(on router: Router<SpotterRequestContext>) {
        let coaching = context.services.coaching
        router.get("/v1/users/:user/overload/:exercise") { _, ctx in
            let user = try ctx.userID()
            let raw = try ctx.parameters.require("exercise")
            let exercise = raw.removingPercentEncoding ?? raw
            if let problem = TextRules.lineProblem(exercise, field: "exercise") { throw APIError.invalidField("exercise", problem) }
            return JSONBody(try await Self.service(coaching).overload(user: user, exercise: exercise))
        }
        router.get("/v1/users/:user/recommendations/exercises") { request, ctx in
            let user = try ctx.userID()
            let muscle = request.uri.queryParameters["muscle"].map(String.init)
            // `split`: the session the app has planned (a logged session title), percent-encoded.
            let split = request.uri.queryParameters["split"].map { String($0).removingPercentEncoding ?? String($0) }
            return JSONBody(try await Self.service(coaching).exerciseRecommendations(
                user: user, k: try request.queryInt("k") ?? 10, muscle: muscle, split: split))
        }
        router.get("/v1/users/:user/recommendations/programs") { request, ctx in
            let user = try ctx.userID()
            return JSONBody(try await Self.service(coaching).programRecommendations(user: user, k: try request.queryInt("k") ?? 3))
        }
        router.get("/v1/users/:user/next-workout") { _, ctx in
            let user = try ctx.userID()
            return JSONBody(try await Self.service(coaching).nextWorkout(user: user))
        }
    }

    static func service(_ coaching: CoachingService?) throws -> CoachingService {
        guard let coaching else { throw APIError.unavailable("this daemon runs without the coaching models (they need the knowledge base)") }
        return coaching
    }
}
