/// A training program template (`knowledge/programs/*.yaml`) with its weekly structure and
/// progression rules. The recommender in Coaching ranks these for a user.
public struct ProgramTemplate: Sendable, Codable, Hashable, Identifiable {
    /// One training day of the week.
    public struct Day: Sendable, Codable, Hashable {
        public var name: String
        /// What the day trains, e.g. `upper body, horizontal push/pull`.
        public var focus: String
        public var slots: [Slot]
        public init(name: String, focus: String, slots: [Slot]) {
            self.name = name
            self.focus = focus
            self.slots = slots
        }
    }

    /// One exercise prescription in a day.
    public struct Slot: Sendable, Codable, Hashable {
        /// Id of an exercise in the knowledge base.
        public var exerciseID: String
        public var sets: Int
        /// Reps per set as written: `5`, `8-12`, `AMRAP`, `30 s`.
        public var reps: String
        /// Effort or load, as written: `RPE 7-8`, `65% TM`; empty when not given.
        public var intensity: String
        public init(exerciseID: String, sets: Int, reps: String, intensity: String = "") {
            self.exerciseID = exerciseID
            self.sets = sets
            self.reps = reps
            self.intensity = intensity
        }
    }

    /// Kebab-case identifier, unique across the knowledge base.
    public var id: String
    public var name: String
    public var summary: String
    public var goals: [TrainingGoal]
    public var levels: [ExperienceLevel]
    public var daysPerWeek: Int
    /// Typical length of one session in minutes.
    public var sessionMinutes: Int
    /// Everything the program needs; a user must have all of it.
    public var equipment: [Equipment]
    /// Length of one block in weeks before re-testing or switching.
    public var weeks: Int
    public var days: [Day]
    /// How load, reps or sets advance, one rule per entry.
    public var progression: [String]
    /// When and how to deload.
    public var deload: String

    public init(
        id: String, name: String, summary: String, goals: [TrainingGoal], levels: [ExperienceLevel],
        daysPerWeek: Int, sessionMinutes: Int, equipment: [Equipment], weeks: Int, days: [Day],
        progression: [String], deload: String
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.goals = goals
        self.levels = levels
        self.daysPerWeek = daysPerWeek
        self.sessionMinutes = sessionMinutes
        self.equipment = equipment
        self.weeks = weeks
        self.days = days
        self.progression = progression
        self.deload = deload
    }
}
