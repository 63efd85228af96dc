import Store
import Wire

extension WorkoutInput {
    /// The workout to store, weights converted from `units` to kilograms.
    func workout(units: WeightUnit) -> NewWorkout {
        NewWorkout(title: title, startedAt: startedAt, endedAt: endedAt, notes: notes, source: .api, exercises: exercises.map { e in
            WorkoutExercise(name: e.name, notes: e.notes, sets: e.sets.map { s in
                WorkoutSet(type: s.type, weightKg: s.weight.map(units.toKilograms), reps: s.reps, rpe: s.rpe, rir: s.rir,
                           distanceMeters: s.distanceM, durationSeconds: s.durationS, notes: s.notes)
            })
        })
    }
}

extension WorkoutOutput {
    /// A stored workout as the API returns it, weights in `units`.
    init(_ stored: StoredWorkout, units: WeightUnit) {
        let w = stored.workout
        self.init(id: stored.id, user: stored.userID, title: w.title, startedAt: w.startedAt, endedAt: w.endedAt, notes: w.notes,
                  source: w.source.rawValue, units: units, exercises: w.exercises.map { e in
            ExerciseOutput(name: e.name, exerciseId: e.exerciseID, canonicalName: e.canonicalName, notes: e.notes, sets: e.sets.map { s in
                WorkoutSetWire(type: s.type, weight: s.weightKg.map { WireRounding.round(units.fromKilograms($0)) }, reps: s.reps, rpe: s.rpe,
                          rir: s.rir, distanceM: s.distanceMeters, durationS: s.durationSeconds, notes: s.notes)
            })
        }, createdAt: stored.createdAt)
    }
}
