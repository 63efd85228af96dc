import Agents
import Coaching
import Foundation
import Store

/// The facts a chat reply must agree with, computed by the Coaching models (no language model):
///
/// - `overload` — for the exercises in play: those named in the message (the user's logged names,
///   the knowledge base's names and aliases, whole words, case and punctuation ignored), else the
///   main lifts of the most recent session (compound, heaviest first), at most `maxExercises`.
///   Two facts each: the target load (`min` = `max` = the load, `unit` kg|lb in the user's units;
///   left out for bodyweight exercises) and the rep range (`unit` `reps`).
/// - `recovery` — the last check-in and the 7-day averages; poor recovery (sleep < 6 h,
///   soreness > 7) says deload and no PR attempt.
/// - `recommendation` — the top 3 exercises, only when the message asks what to do or add
///   (scored on the last 35 days, so novelty counts exercises not done in 5 weeks as new; the
///   endpoint scores the whole log).
/// - `next_workout` — the LSTM's prediction, once its weights are loaded.
///
/// An unknown user gets no facts (the chat may run before a profile exists).
public struct CoachingGroundingProvider: Sendable {
    public let coaching: CoachingService
    public var maxExercises: Int

    public init(coaching: CoachingService, maxExercises: Int = 4) {
        self.coaching = coaching
        self.maxExercises = maxExercises
    }

    /// The facts as of `now`, reading the user's history (empty for an unknown user).
    public func groundingFacts(for message: String, user: String, now: Date) async throws -> [GroundingFact] {
        let h: UserHistory
        do {
            h = try await coaching.history(user: user)
        } catch let e as StoreError {
            if case .notFound = e.kind { return [] }
            throw e
        }
        return groundingFacts(for: message, history: h, now: now)
    }

    /// The facts as of `now` over a history already read (the chat reads it once for the prompt
    /// and the grounding).
    public func groundingFacts(for message: String, history h: UserHistory, now: Date) -> [GroundingFact] {
        let user = h.stored.id
        // Recovery and recommendations read 7- and 30-day windows: the last 35 days suffice.
        let recent = h.sessions.filter { $0.date > now.addingTimeInterval(-35 * 86_400) }
        let features = TrainingFeatures.compute(sessions: recent, checkIns: h.checkIns, asOf: now)
        var facts: [GroundingFact] = []
        for id in exercisesInPlay(message, history: h) {
            guard let s = try? coaching.rules.suggest(exerciseId: id, sessions: h.sessions, checkIns: h.checkIns,
                                                      asOf: now, profile: h.profile) else { continue }
            facts += Self.overloadFacts(s)
        }
        facts.append(Self.recoveryFact(features.recovery))
        if Self.asksForSuggestions(message) {
            let top = coaching.recommend(profile: h.profile, features: h.sessions.isEmpty ? nil : features,
                                         sessions: h.sessions, asOf: now, k: 3)
            for r in top {
                facts.append(GroundingFact(id: "recommendation:\(r.id)", kind: "recommendation", subject: r.name,
                                           text: "Recommended exercise: \(r.name) (score \(Self.format(r.score))/100)"
                                               + (r.reasons.first.map { ": \($0)" } ?? ".")))
            }
        }
        if let predictor = coaching.nextWorkoutModel.loaded {
            let p = coaching.nextWorkoutWire(user: user, history: h, predictor: predictor, now: now)
            let top = p.ranked.prefix(3).map { "\($0.type) \(Int(($0.probability * 100).rounded()))%" }
            facts.append(GroundingFact(id: "next_workout", kind: "next_workout", subject: "next workout",
                                       text: "Predicted workout type for \(p.date): " + top.joined(separator: ", ") + "."))
        }
        return facts
    }

    /// The load and rep-range facts of one suggestion.
    static func overloadFacts(_ s: OverloadSuggestion) -> [GroundingFact] {
        let unit = s.unit.rawValue
        let pr = s.allowPRAttempt ? "" : " No PR attempts."
        let why = s.reasons.first.map { " \($0)" } ?? ""
        var facts: [GroundingFact] = []
        if s.weight > 0 {
            facts.append(GroundingFact(id: "overload:\(s.exerciseId):load", kind: "overload", subject: s.exerciseName,
                                       text: "\(s.exerciseName): next top set \(format(s.weight)) \(unit) × \(s.targetReps) (\(s.direction.rawValue.replacingOccurrences(of: "_", with: " "))).\(pr)\(why)",
                                       min: s.weight, max: s.weight, unit: unit))
        }
        facts.append(GroundingFact(id: "overload:\(s.exerciseId):reps", kind: "overload", subject: s.exerciseName,
                                   text: "\(s.exerciseName): \(s.repRange.lowerBound)–\(s.repRange.upperBound) reps per working set\(s.weight > 0 ? "" : " (bodyweight)").\(pr)",
                                   min: Double(s.repRange.lowerBound), max: Double(s.repRange.upperBound), unit: "reps"))
        return facts
    }

    static func recoveryFact(_ r: RecoveryFeatures) -> GroundingFact {
        var parts: [String] = []
        var problems: [String] = []
        if let s = r.lastSleepHours { parts.append("last sleep \(format(s)) h") }
        if let s = r.sleepHours7d { parts.append("7-day sleep \(format(s)) h") }
        if let s = r.lastSoreness { parts.append("soreness \(format(s))/10") }
        if let s = r.soreness7d { parts.append("7-day soreness \(format(s))/10") }
        if let s = r.sleepHours7d ?? r.lastSleepHours, s < 6 { problems.append("sleep under 6 h") }
        else if let s = r.lastSleepHours, s < 6 { problems.append("sleep under 6 h") }
        if let s = r.lastSoreness ?? r.soreness7d, s > 7 { problems.append("soreness above 7") }
        if r.fatigued { problems.append("fatigue reported") }
        let measured = parts.isEmpty ? "no check-ins this week" : parts.joined(separator: ", ")
        let text = problems.isEmpty
            ? "Recovery looks adequate (\(measured)); normal progression applies."
            : "Recovery is poor (\(problems.joined(separator: ", ")); \(measured)): deload about 10% or rest, no PR attempt today."
        return GroundingFact(id: "recovery", kind: "recovery", subject: "recovery", text: text)
    }

    /// The user's logged exercise identities named in the message (in order of appearance), else
    /// the most recent session's main lifts.
    func exercisesInPlay(_ message: String, history h: CoachingService.History) -> [String] {
        var candidates: [ExerciseMentions.Candidate] = []
        var seen = Set<String>()
        for w in h.workouts.reversed() { for e in w.workout.exercises {
            let id = CoachingInputs.exerciseIdentity(e)
            guard seen.insert(id).inserted else { continue }
            candidates.append(.init(id: id, names: [e.name, e.canonicalName ?? ""] + coaching.catalog.names(id: id)))
        } }
        let named = ExerciseMentions.find(in: message, candidates: candidates, limit: maxExercises)
        if !named.isEmpty { return named }
        guard let last = h.workouts.last else { return [] }
        let lifts = last.workout.exercises.compactMap { e -> (id: String, compound: Bool, kg: Double)? in
            let id = CoachingInputs.exerciseIdentity(e)
            let top = e.sets.filter(\.type.isWorking).compactMap(\.weightKg).max() ?? 0
            guard top > 0 else { return nil }
            return (id, coaching.catalog.exercise(id: id)?.mechanic == "compound", top)
        }
        var ids: [String] = []
        for l in lifts.sorted(by: { $0.compound != $1.compound ? $0.compound : $0.kg > $1.kg }) where !ids.contains(l.id) {
            ids.append(l.id)
        }
        return Array(ids.prefix(maxExercises))
    }

    /// Whether the message asks what to do or add ("what should I do", "recommend", "add", …).
    static func asksForSuggestions(_ message: String) -> Bool {
        let t = " " + CoachingCatalog.normalize(message) + " "
        return [" what should i ", " what can i ", " recommend", " suggest", " add ", " what to do ", " which exercise",
                " what exercise", " alternative", " swap ", " replace ", " instead of "].contains { t.contains($0) }
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.2f", x).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }
}
