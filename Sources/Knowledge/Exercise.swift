/// One exercise of the knowledge base (see `knowledge/README.md` for the file format).
public struct Exercise: Sendable, Codable, Hashable, Identifiable {
    /// Kebab-case identifier, unique across the knowledge base: `barbell-back-squat`.
    public var id: String
    /// The name shown to people: `Barbell Back Squat`.
    public var name: String
    /// Other names, including the ones tracking apps use (`Squat (Barbell)`).
    public var aliases: [String]
    /// One or two sentences on what the exercise is and why to do it.
    public var summary: String
    public var primaryMuscles: [Muscle]
    public var secondaryMuscles: [Muscle]
    public var equipment: Equipment
    public var level: ExperienceLevel
    public var mechanic: Mechanic?
    public var force: Force?
    public var category: ExerciseCategory
    /// Form cues, in the order a coach would give them.
    public var cues: [String]
    public var mistakes: [String]
    /// Ids of harder variations.
    public var progressions: [String]
    /// Ids of easier variations.
    public var regressions: [String]
    /// Ids of exercises that train the same thing when this one is not possible.
    public var substitutions: [String]
    /// Conditions under which to avoid or modify the exercise.
    public var contraindications: [String]

    public init(
        id: String, name: String, aliases: [String] = [], summary: String,
        primaryMuscles: [Muscle], secondaryMuscles: [Muscle] = [], equipment: Equipment,
        level: ExperienceLevel, mechanic: Mechanic?, force: Force?, category: ExerciseCategory,
        cues: [String] = [], mistakes: [String] = [], progressions: [String] = [],
        regressions: [String] = [], substitutions: [String] = [], contraindications: [String] = []
    ) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.primaryMuscles = primaryMuscles
        self.secondaryMuscles = secondaryMuscles
        self.equipment = equipment
        self.level = level
        self.mechanic = mechanic
        self.force = force
        self.category = category
        self.cues = cues
        self.mistakes = mistakes
        self.progressions = progressions
        self.regressions = regressions
        self.substitutions = substitutions
        self.contraindications = contraindications
    }
}
