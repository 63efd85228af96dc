/// A muscle group in free-exercise-db's 17-value vocabulary (`primaryMuscles` /
/// `secondaryMuscles`); the raw value is that spelling (`lower back`, `middle back`, ...), used
/// in knowledge files and on the wire.
public enum Muscle: String, Sendable, Hashable, CaseIterable, Codable {
    case abdominals, abductors, adductors, biceps, calves, chest, forearms, glutes, hamstrings
    case lats
    case lowerBack = "lower back"
    case middleBack = "middle back"
    case neck, quadriceps, shoulders, traps, triceps
}
