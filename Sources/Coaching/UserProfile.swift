import Foundation

// `ExperienceLevel` and `TrainingGoal` are the shared `Vocabulary` target's words.
extension TrainingGoal {
    /// The rep range the overload rules aim for when the log does not show another one.
    public var defaultRepRange: ClosedRange<Int> {
        switch self {
        case .strength: 3...6
        case .hypertrophy: 8...12
        case .weightLoss, .generalFitness: 8...12
        case .endurance: 12...20
        }
    }
}

/// The user's profile as Coaching needs it (the Store's record is adapted to this by the caller).
public struct UserProfile: Sendable, Hashable {
    public var age: Int?
    public var bodyweightKg: Double?
    public var units: WeightUnit
    /// Smallest load increment in `units`; `nil` means 1.25 kg / 2.5 lb.
    public var plateStep: Double?
    public var experience: ExperienceLevel
    public var goal: TrainingGoal
    public var daysPerWeek: Int
    /// Available equipment in free-exercise-db's vocabulary ("barbell", "dumbbell", "cable", …).
    /// Exercises needing no equipment ("body only" or none listed) are always available;
    /// `nil` means "not restricted" (a gym with everything).
    public var equipment: Set<String>?
    /// Injuries or pain sites in plain words ("knee", "lower back", "shoulder", …).
    public var injuries: [String]
    /// Exercise ids the user likes or dislikes; muscles they want to emphasise.
    public var likedExercises: Set<String>
    public var dislikedExercises: Set<String>
    public var focusMuscles: Set<Muscle>

    public init(age: Int? = nil, bodyweightKg: Double? = nil, units: WeightUnit = .kg, plateStep: Double? = nil,
                experience: ExperienceLevel = .beginner, goal: TrainingGoal = .generalFitness, daysPerWeek: Int = 3,
                equipment: Set<String>? = nil, injuries: [String] = [], likedExercises: Set<String> = [],
                dislikedExercises: Set<String> = [], focusMuscles: Set<Muscle> = []) {
        self.age = age; self.bodyweightKg = bodyweightKg; self.units = units; self.plateStep = plateStep
        self.experience = experience; self.goal = goal; self.daysPerWeek = daysPerWeek
        self.equipment = equipment; self.injuries = injuries; self.likedExercises = likedExercises
        self.dislikedExercises = dislikedExercises; self.focusMuscles = focusMuscles
    }

    /// Plate rounding in the user's unit and step.
    public var plates: PlateRounding { PlateRounding(unit: units, step: plateStep) }
}
