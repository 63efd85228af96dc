import Agents
import Foundation
import Store

/// The chat's view of a user, from ONE read of their history (`UserHistoryReader`): the
/// prompt's context (profile, the most recent sessions with working sets in the user's units,
/// rounded to 0.1, and the last check-in) and, when the agent uses grounding, the Coaching
/// models' facts (`CoachingGroundingProvider`) computed from the same history.
///
/// Every read is scoped to the requested user id, so another user's data cannot enter the
/// prompt. An unknown user is `AgentsError(.notFound)`: create it with `PUT /v1/users/{user}`.
public struct HistoryChatContextProvider: ChatContextProviding {
    let reader: UserHistoryReader
    let grounding: CoachingGroundingProvider?
    /// How many recent sessions go into the context (the prompt assembler trims to its budget).
    let sessions: Int

    /// - Parameter grounding: nil when the daemon runs without the coaching models.
    public init(reader: UserHistoryReader, grounding: CoachingGroundingProvider?, sessions: Int = 5) {
        self.reader = reader
        self.grounding = grounding
        self.sessions = sessions
    }

    public func chatContext(for user: String, message: String, grounding wanted: Bool) async throws -> ChatContext {
        let history: UserHistory
        do {
            history = try await reader.read(user: user)
        } catch let error as StoreError where error.kind == .notFound {
            throw AgentsError(.notFound, "user '\(user)' does not exist; create it with PUT /v1/users/\(user)")
        }
        var facts: [GroundingFact] = []
        if wanted, let grounding { facts = await grounding.groundingFacts(for: message, history: history, now: Date()) }
        return ChatContext(user: Self.userContext(history, sessions: sessions), facts: facts)
    }

    /// The prompt's context: the profile, the newest `sessions` sessions (newest first) and the last check-in.
    static func userContext(_ h: UserHistory, sessions: Int) -> UserContext {
        let profile = h.stored
        let units = profile.units
        return UserContext(
            user: profile.id,
            profile: ProfileSummary(
                age: profile.age, bodyweight: profile.bodyweightKg.map { Self.round(units.fromKilograms($0)) },
                units: units.rawValue, experience: profile.experience?.profileName, goal: profile.goal?.profileName,
                daysPerWeek: profile.daysPerWeek, equipment: profile.equipment, injuries: profile.injuries),
            recentSessions: h.workouts.suffix(max(0, sessions)).reversed().map { Self.summary($0.workout, units: units) },
            lastCheckIn: h.latestCheckIn.map {
                CheckInSummary(date: $0.day.text, sleepHours: $0.sleepHours, soreness: $0.soreness.map(Double.init),
                               energy: $0.energy.map(Double.init), stress: $0.stress.map(Double.init))
            })
    }

    /// A session as the prompt shows it: working sets only (`SetType.isWorking`, the same
    /// definition the grounding uses: warm-ups and drop sets are left out) with reps; bodyweight
    /// sets have weight 0.
    static func summary(_ workout: NewWorkout, units: WeightUnit) -> SessionSummary {
        let exercises = workout.exercises.compactMap { exercise -> ExerciseSummary? in
            let sets = exercise.sets.compactMap { set -> SetSummary? in
                guard set.type.isWorking, let reps = set.reps else { return nil }
                return SetSummary(weight: Self.round(units.fromKilograms(set.weightKg ?? 0)), reps: reps, rpe: set.rpe)
            }
            return sets.isEmpty ? nil : ExerciseSummary(name: exercise.canonicalName ?? exercise.name, sets: sets)
        }
        return SessionSummary(date: UTCDay(workout.startedAt).text, title: workout.title ?? "Workout", exercises: exercises)
    }

    static func round(_ x: Double) -> Double { (x * 10).rounded() / 10 }
}
