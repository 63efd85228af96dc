import Agents
import Foundation
import Store

/// `UserContextProviding` over the Store: the user's profile, their most recent sessions with
/// working sets (weights converted to the user's units, rounded to 0.1) and their last check-in.
///
/// Every query is scoped to the requested user id, so another user's data cannot enter the
/// prompt. An unknown user is `AgentsError(.notFound)` (404): create it with `PUT /v1/users/{user}`.
public struct StoreUserContextProvider: UserContextProviding {
    let store: SpotterStore
    /// How many recent sessions go into the context (the prompt assembler trims to its budget).
    let sessions: Int

    public init(store: SpotterStore, sessions: Int = 5) {
        self.store = store
        self.sessions = sessions
    }

    public func userContext(for user: String) async throws -> UserContext {
        guard let profile = try await store.user(id: user) else {
            throw AgentsError(.notFound, "user '\(user)' does not exist; create it with PUT /v1/users/\(user)")
        }
        let units = profile.units
        let workouts = try await store.recentWorkouts(user: user, limit: sessions)
        let checkin = try await store.latestCheckin(user: user)
        return UserContext(
            user: user,
            profile: ProfileSummary(
                age: profile.age, bodyweight: profile.bodyweightKg.map { Self.round(units.fromKilograms($0)) },
                units: units.rawValue, experience: profile.experience?.rawValue, goal: profile.goal?.rawValue,
                daysPerWeek: profile.daysPerWeek, equipment: profile.equipment, injuries: profile.injuries),
            recentSessions: workouts.map { Self.summary($0.workout, units: units) },
            lastCheckIn: checkin.map {
                CheckInSummary(date: $0.day, sleepHours: $0.sleepHours, soreness: $0.soreness.map(Double.init),
                               energy: $0.energy.map(Double.init), stress: $0.stress.map(Double.init))
            })
    }

    /// A session as the prompt shows it: warm-up sets and sets without reps are left out;
    /// bodyweight sets have weight 0.
    static func summary(_ workout: NewWorkout, units: WeightUnit) -> SessionSummary {
        let exercises = workout.exercises.compactMap { exercise -> ExerciseSummary? in
            let sets = exercise.sets.compactMap { set -> SetSummary? in
                guard set.type != .warmup, let reps = set.reps else { return nil }
                return SetSummary(weight: Self.round(units.fromKilograms(set.weightKg ?? 0)), reps: reps, rpe: set.rpe)
            }
            return sets.isEmpty ? nil : ExerciseSummary(name: exercise.canonicalName ?? exercise.name, sets: sets)
        }
        return SessionSummary(date: dayString(workout.startedAt), title: workout.title ?? "Workout", exercises: exercises)
    }

    static func round(_ x: Double) -> Double { (x * 10).rounded() / 10 }

    /// `YYYY-MM-DD` of `date` in UTC.
    static func dayString(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }
}
