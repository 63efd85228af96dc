import Coaching
import Foundation
import Knowledge
import Store

/// Adapts the Store's and the Knowledge base's records to the `Coaching` target's inputs.
///
/// - Profile: units, plate step (`preferences["plate_step"]`, in the user's units), experience
///   (missing → beginner), goal (missing → general fitness), days per week (missing → 3), equipment (parsed
///   with `Equipment(userInput:)`; an empty list means "not restricted"), injuries, and liked /
///   disliked exercises from `preferences["likes"]` / `preferences["dislikes"]` (comma-separated
///   knowledge ids or names).
/// - Sessions: in date order; sets stay in kilograms; set type, RPE and RIR carried over. An
///   exercise's identity is the set's `exerciseID` (matched against the knowledge base at import)
///   when present, else the name as written; its muscles come from the knowledge base. The name
///   as written is kept too (`loggedName`): overload progress is tracked per name as logged, so
///   variants with different load scales keep separate histories. Distance and duration are
///   carried over (a session with only those is cardio for the next-workout model).
/// - Check-ins: `day` (`YYYY-MM-DD`) becomes midnight UTC of that day.
public enum CoachingInputs {
    /// The Coaching profile for a stored profile.
    public static func profile(_ p: Store.UserProfile, catalog: CoachingCatalog? = nil) -> Coaching.UserProfile {
        let equipment = Set(p.equipment.map { Equipment(userInput: $0)?.rawValue ?? $0.lowercased() })
        func ids(_ key: String) -> Set<String> {
            guard let text = p.preferences[key] else { return [] }
            return Set(text.split(separator: ",").compactMap { part in
                let name = part.trimmingCharacters(in: .whitespaces)
                return name.isEmpty ? nil : (catalog?.id(forName: name) ?? name)
            })
        }
        return Coaching.UserProfile(
            age: p.age, bodyweightKg: p.bodyweightKg, units: p.units,
            plateStep: p.preferences["plate_step"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil },
            experience: p.experience ?? .beginner, goal: p.goal ?? .generalFitness, daysPerWeek: p.daysPerWeek ?? 3,
            equipment: equipment.isEmpty ? nil : equipment, injuries: p.injuries,
            likedExercises: ids("likes"), dislikedExercises: ids("dislikes"))
    }

    /// The identity Coaching uses for a logged exercise: the knowledge id, else the name as written.
    public static func exerciseIdentity(_ e: WorkoutExercise) -> String { e.exerciseID ?? e.name }

    /// Which name a logged exercise's progression is tracked under.
    public enum Identity: Sendable {
        /// The knowledge id when the name matched at import, else the name as written (the default).
        case knowledgeID
        /// The name as written: variants the matcher maps to one knowledge exercise
        /// ("Lat Pulldown (Cable)" / "(Machine)") keep separate histories.
        case nameAsWritten
    }

    /// Stored workouts as Coaching sessions, oldest first.
    public static func sessions(_ workouts: [StoredWorkout], catalog: CoachingCatalog? = nil,
                                identity: Identity = .knowledgeID) -> [WorkoutSession] {
        workouts.map { session($0.workout, catalog: catalog, identity: identity) }
            .sorted { $0.date < $1.date }
    }

    /// One workout as a Coaching session.
    public static func session(_ w: NewWorkout, catalog: CoachingCatalog? = nil, identity: Identity = .knowledgeID) -> WorkoutSession {
        WorkoutSession(date: w.startedAt, title: w.title ?? "", exercises: w.exercises.map { e in
            let id = identity == .knowledgeID ? exerciseIdentity(e) : e.name
            let known = catalog?.exercise(id: e.exerciseID ?? e.name)
            return ExercisePerformance(
                exerciseId: id, name: e.canonicalName ?? known?.name ?? e.name,
                primaryMuscles: known?.primaryMuscles ?? [], secondaryMuscles: known?.secondaryMuscles ?? [],
                sets: e.sets.map(loggedSet), loggedName: e.name)
        })
    }

    /// One stored set as a Coaching set (kilograms; missing reps count as 0, i.e. not a working set).
    public static func loggedSet(_ s: WorkoutSet) -> LoggedSet {
        LoggedSet(weightKg: s.weightKg, reps: s.reps ?? 0, rpe: s.rpe, rir: s.rir.map(Double.init), type: s.type,
                  distanceMeters: s.distanceMeters, durationSeconds: s.durationSeconds)
    }

    /// Stored check-ins (most recent first) in the order the models read them: oldest first.
    public static func checkIns(_ checkins: [CheckIn]) -> [CheckIn] {
        checkins.sorted { $0.day < $1.day }
    }
}
