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
/// - `next_workout` — the LSTM's prediction, once its weights are loaded (plan questions).
/// - `progress`, `volume`, `consistency` — questions about the log
///   (`CoachingGroundingProvider+Insight.swift`).
///
/// Facts are chosen by what the message asks (`MessageIntent`): a question about the log gets
/// progress, volume or consistency and no overload decision unless it also asks about a load or
/// about training now; recommendations and the next-workout prediction come with plan questions.
/// Decisions carry `advice`, the sentence a grounded lead is made of.
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
        return await groundingFacts(for: message, history: h, now: now)
    }

    /// The facts as of `now` over a history already read (the chat reads it once for the prompt
    /// and the grounding), chosen by what the message asks (`MessageIntent`).
    public func groundingFacts(for message: String, history h: UserHistory, now: Date) async -> [GroundingFact] {
        let user = h.stored.id
        let intent = MessageIntent.of(message)
        let units = h.stored.units
        // Recovery and recommendations read 7- and 30-day windows: the last 35 days suffice.
        let recent = h.sessions.filter { $0.date > now.addingTimeInterval(-35 * 86_400) }
        let features = TrainingFeatures.compute(sessions: recent, checkIns: h.checkIns, asOf: now)
        var facts: [GroundingFact] = []
        let named = exercisesNamed(message, history: h)
        let inPlay = named.isEmpty ? mainLifts(h) : named
        let asksAboutLog = !intent.isDisjoint(with: [.progress, .volume, .consistency]) && intent.isDisjoint(with: [.load, .readiness])
        if !asksAboutLog {
            // The rules as `/overload` serves them (calibrated on this lifter's log), so the chat
            // and the endpoint give the same numbers.
            let rules = inPlay.isEmpty ? coaching.rules : await coaching.calibratedRules(user: user, history: h)
            for id in inPlay {
                guard let s = try? rules.suggest(exerciseId: id, sessions: h.sessions, checkIns: h.checkIns,
                                                          asOf: now, profile: h.profile) else { continue }
                facts += Self.overloadFacts(s, last: Self.lastTopSet(id, in: h.sessions))
            }
        }
        if facts.isEmpty, intent.contains(.load) { facts.append(Self.startingLoadFact) }
        if intent.contains(.progress) || intent.contains(.celebration) {
            let window = ProgressSummary.windowDays(in: message)
            for id in inPlay {
                if let p = ProgressSummary.compute(exerciseId: id, sessions: h.sessions, windowDays: window, asOf: now) {
                    facts.append(Self.progressFact(p, units: units))
                }
            }
        }
        if intent.contains(.volume), let v = VolumeBalance.compute(sessions: h.sessions, asOf: now) {
            facts.append(Self.volumeFact(v))
        }
        if !intent.isDisjoint(with: [.consistency, .motivation]) || (intent.contains(.readiness) && (features.daysSinceLastSession ?? 0) >= 10) {
            facts.append(Self.consistencyFact(Consistency.compute(sessions: h.sessions, plannedPerWeek: h.stored.daysPerWeek, asOf: now)))
        }
        facts.append(Self.recoveryFact(features.recovery))
        if let cut = Self.dietingFact(message) { facts.append(cut) }
        if let fatigue = Self.fatigueFact(message: message, checkIn: h.latestCheckIn, recovery: features.recovery) { facts.append(fatigue) }
        if !intent.isDisjoint(with: [.load, .plan, .readiness]), let injury = Self.injuryFact(h.stored.injuries) { facts.append(injury) }
        if intent.contains(.plan), Self.asksForProgram(message), let program = programFact(message: message, history: h) {
            facts.append(program)
        }
        if Self.asksForSuggestions(message) || intent.contains(.plan) {
            let top = coaching.recommend(profile: h.profile, features: h.sessions.isEmpty ? nil : features,
                                         sessions: h.sessions, asOf: now, k: 3)
            for r in top {
                facts.append(GroundingFact(id: "recommendation:\(r.id)", kind: "recommendation", subject: r.name,
                                           text: "Recommended exercise: \(r.name) (score \(Self.format(r.score))/100)"
                                               + (r.reasons.first.map { ": \($0)" } ?? ".")))
            }
        }
        if intent.contains(.plan) || intent.isEmpty, let predictor = coaching.nextWorkoutModel.loaded {
            let p = coaching.nextWorkoutWire(user: user, history: h, predictor: predictor, now: now)
            let top = p.ranked.prefix(3).map { "\($0.type) \(Int(($0.probability * 100).rounded()))%" }
            facts.append(GroundingFact(id: "next_workout", kind: "next_workout", subject: "next workout",
                                       text: "Predicted workout type for \(p.date): " + top.joined(separator: ", ") + "."))
        }
        return facts
    }

    /// The heaviest working set of the most recent session of `id` (kg, reps).
    static func lastTopSet(_ id: String, in sessions: [WorkoutSession]) -> (kg: Double, reps: Int)? {
        for s in sessions.reversed() {
            if let e = s.exercises.first(where: { $0.exerciseId == id }), let top = e.topSet { return (top.weightKg ?? 0, top.reps) }
        }
        return nil
    }

    /// The load and rep-range facts of one suggestion; the load fact's `advice` states the
    /// decision ("Next Bench Press session: 190 lb × 5, up from 185 lb.").
    static func overloadFacts(_ s: OverloadSuggestion, last: (kg: Double, reps: Int)? = nil) -> [GroundingFact] {
        let unit = s.unit.rawValue
        let pr = s.allowPRAttempt ? "" : " No PR attempts."
        let why = s.reasons.first.map { " \($0)" } ?? ""
        var facts: [GroundingFact] = []
        let w = "\(format(s.weight)) \(unit)"
        if s.weight > 0 {
            let lastLoad = last.map { format(display($0.kg, s.unit)) }
            let advice: String = switch s.direction {
            case .increase: "Next \(s.exerciseName) session: add a small step to \(w) × \(s.targetReps)" + (lastLoad.map { ", up from \($0) \(unit)" } ?? "") + "."
            case .addReps: "Next \(s.exerciseName) session: stay at \(w) and aim for \(s.targetReps) reps per set."
            case .hold: "Next \(s.exerciseName) session: hold \(w) × \(s.targetReps)."
            case .deload: "Next \(s.exerciseName) session: back off to \(w) × \(s.targetReps), about 10% lighter, with no PR attempt."
            }
            facts.append(GroundingFact(id: "overload:\(s.exerciseId):load", kind: "overload", subject: s.exerciseName,
                                       text: "\(s.exerciseName): next top set \(w) × \(s.targetReps) (\(s.direction.rawValue.replacingOccurrences(of: "_", with: " "))).\(pr)\(why)",
                                       min: s.weight, max: s.weight, unit: unit, advice: advice))
        }
        facts.append(GroundingFact(id: "overload:\(s.exerciseId):reps", kind: "overload", subject: s.exerciseName,
                                   text: "\(s.exerciseName): \(s.repRange.lowerBound)–\(s.repRange.upperBound) reps per working set\(s.weight > 0 ? "" : " (bodyweight)").\(pr)",
                                   min: Double(s.repRange.lowerBound), max: Double(s.repRange.upperBound), unit: "reps",
                                   advice: s.weight > 0 ? nil : "Next \(s.exerciseName) session: aim for \(s.repRange.lowerBound)–\(s.repRange.upperBound) reps per set."))
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
        var latest: [String] = []
        if let s = r.lastSleepHours ?? r.sleepHours7d { latest.append("\(format(s)) h of sleep") }
        if let s = r.lastSoreness ?? r.soreness7d { latest.append("soreness \(format(s))/10") }
        let brief = latest.joined(separator: " and ")
        let advice: String? = problems.isEmpty
            ? (latest.isEmpty ? nil : "You look recovered (\(brief)), so train as planned.")
            : "Not a heavy day: with \(brief.isEmpty ? "fatigue reported" : brief), rest or train about 10% lighter, and no PR attempt today."
        return GroundingFact(id: "recovery", kind: "recovery", subject: "recovery", text: text, advice: advice)
    }

    /// The user's logged exercise identities named in the message, in order of appearance.
    func exercisesNamed(_ message: String, history h: CoachingService.History) -> [String] {
        var candidates: [ExerciseMentions.Candidate] = []
        var seen = Set<String>()
        for w in h.workouts.reversed() { for e in w.workout.exercises {
            let id = CoachingInputs.exerciseIdentity(e)
            guard seen.insert(id).inserted else { continue }
            candidates.append(.init(id: id, names: [e.name, e.canonicalName ?? ""] + coaching.catalog.names(id: id)))
        } }
        return ExerciseMentions.find(in: message, candidates: candidates, limit: maxExercises)
    }

    /// The most recent session's main lifts: compound first, heaviest first.
    func mainLifts(_ h: CoachingService.History) -> [String] {
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
