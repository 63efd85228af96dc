import Foundation
import Store
import Wire

/// The body of `POST /v1/users/{user}/workouts`: `WorkoutInput` decoded as the server decodes it
/// (`WireDate`'s strategy), converted to the store's `NewWorkout` in both units (as the route's
/// `WorkoutInput.workout(units:)` does; that lives in the Server target, which this binary does not
/// link), validated, and encoded again (the route hashes the re-encoded input for idempotency).
enum WorkoutJSONHarness {
    static let decoder = WireDate.decoder()
    static let encoder = WireDate.encoder()

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let input = try? decoder.decode(WorkoutInput.self, from: Data(buffer: bytes)) else { return }
        _ = try? encoder.encode(input)
        for units in [WeightUnit.kg, .lb] {
            _ = try? workout(input, units: units).validate()
        }
    }

    private static func workout(_ input: WorkoutInput, units: WeightUnit) -> NewWorkout {
        NewWorkout(title: input.title, startedAt: input.startedAt, endedAt: input.endedAt, notes: input.notes, source: .api,
                   exercises: input.exercises.map { e in
            WorkoutExercise(name: e.name, notes: e.notes, sets: e.sets.map { s in
                WorkoutSet(type: s.type, weightKg: s.weight.map(units.toKilograms), reps: s.reps, rpe: s.rpe, rir: s.rir,
                           distanceMeters: s.distanceM, durationSeconds: s.durationS, notes: s.notes)
            })
        })
    }
}
