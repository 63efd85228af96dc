/// An exercise from the knowledge base, in free-exercise-db's vocabulary.
public struct CatalogExercise: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var primaryMuscles: [Muscle]
    public var secondaryMuscles: [Muscle]
    /// "barbell", "dumbbell", "body only", …; `nil` when none is needed.
    public var equipment: String?
    public var level: ExperienceLevel
    /// "compound" / "isolation" / nil.
    public var mechanic: String?
    /// "push" / "pull" / "static" / nil.
    public var force: String?
    /// "strength", "stretching", "plyometrics", "powerlifting", "olympic weightlifting", "strongman", "cardio".
    public var category: String
    /// Body sites this exercise is contraindicated for ("knee", "lower back", …). Sites inferred from
    /// muscles and mechanics (see `ContraindicationRules`) are added to these.
    public var contraindications: Set<String>

    public init(id: String, name: String, primaryMuscles: [Muscle], secondaryMuscles: [Muscle] = [],
                equipment: String?, level: ExperienceLevel, mechanic: String? = nil, force: String? = nil,
                category: String, contraindications: Set<String> = []) {
        self.id = id; self.name = name; self.primaryMuscles = primaryMuscles; self.secondaryMuscles = secondaryMuscles
        self.equipment = equipment; self.level = level; self.mechanic = mechanic; self.force = force
        self.category = category; self.contraindications = contraindications
    }

    /// Whether the exercise needs no equipment.
    public var isBodyweight: Bool { equipment == nil || equipment == "body only" }
}

/// A program template summary (the Knowledge target's record is adapted to this).
public struct ProgramTemplate: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var goals: Set<TrainingGoal>
    public var levels: Set<ExperienceLevel>
    public var daysPerWeek: ClosedRange<Int>
    /// Equipment the program needs (free-exercise-db vocabulary).
    public var equipment: Set<String>
    public var description: String
    /// Each training day's focus, in order ("chest, shoulders, triceps").
    public var dayFocus: [String]
    /// The most common prescription of its exercises ("3 sets of 8-12 reps").
    public var prescription: String?

    public init(id: String, name: String, goals: Set<TrainingGoal>, levels: Set<ExperienceLevel>,
                daysPerWeek: ClosedRange<Int>, equipment: Set<String>, description: String, dayFocus: [String] = [], prescription: String? = nil) {
        self.id = id; self.name = name; self.goals = goals; self.levels = levels
        self.daysPerWeek = daysPerWeek; self.equipment = equipment; self.description = description
        self.dayFocus = dayFocus
        self.prescription = prescription
    }

    /// The text compared with the profile by the similarity closure.
    public var text: String {
        "\(name). Goals: \(goals.map(\.rawValue).sorted().joined(separator: ", ")). Levels: "
            + levels.sorted().map { "\($0)" }.joined(separator: ", ")
            + ". \(daysPerWeek.lowerBound)-\(daysPerWeek.upperBound) days per week. Equipment: "
            + equipment.sorted().joined(separator: ", ") + ". " + description
    }
}
