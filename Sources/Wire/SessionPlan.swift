/// A structured training session the Planner returns beside its text (`plan` on `POST /v1/chat`,
/// on the streamed `meta` event, and `plan` on `POST /v1/chat/completions`). Described by
/// `schemas/session-plan.schema.json` (JSON Schema 2020-12). Loads are in the user's unit.
///
/// ```json
/// {"minutes": 45, "estimated_minutes": 43.5, "warmup_minutes": 5, "unit": "kg",
///  "equipment": ["body only", "dumbbell"], "muscles": ["quadriceps", "glutes"], "avoid": ["knee"],
///  "exercises": [{"id": "dumbbell-romanian-deadlift", "name": "Dumbbell Romanian Deadlift", "equipment": "dumbbell",
///                 "primary_muscles": ["hamstrings"], "sets": 3, "reps": {"min": 8, "max": 12}, "target_reps": 10,
///                 "load": 24, "target_rpe": null, "rest_seconds": 120, "minutes": 8.5, "basis": "history",
///                 "direction": "increase", "rule": "easy_at_top_of_range", "reasons": ["…"]}],
///  "notes": ["Exercises that load the knee are left out. …"]}
/// ```
///
/// To log the session once done, post each exercise's `name` with the sets performed to
/// `POST /v1/users/{user}/workouts`; the next plan and overload suggestion progress from it.
public struct SessionPlan: Sendable, Equatable, Codable {
    /// The time budget asked for (or the default, 50).
    public var minutes: Int
    /// The planner's estimate (warm-up, sets, rests, changeovers); never above `minutes`.
    public var estimatedMinutes: Double
    public var warmupMinutes: Double
    /// `kg` or `lb`.
    public var unit: String
    /// Equipment the exercises were chosen from (free-exercise-db spelling); absent when not restricted.
    public var equipment: [String]?
    /// Muscles asked for (free-exercise-db spelling); empty when the routine chose.
    public var muscles: [String]
    /// Body sites (injuries or pain) the exercises avoid.
    public var avoid: [String]
    public var exercises: [Exercise]
    public var notes: [String]

    /// One exercise of the session.
    public struct Exercise: Sendable, Equatable, Codable {
        /// Knowledge id (or the name as logged when the knowledge base does not know it).
        public var id: String
        /// The name to show and to log the sets under (the user's own name for it when logged before).
        public var name: String
        public var equipment: String?
        public var primaryMuscles: [String]
        public var sets: Int
        public var reps: RepRange
        public var targetReps: Int
        /// Top-set load in `unit` from the overload rules; null for a first time or bodyweight.
        public var load: Double?
        /// Choose the load by this effort when `load` is null (7: "a load you could lift 3 more times").
        public var targetRPE: Double?
        public var restSeconds: Int
        public var minutes: Double
        /// `history` (dosed by the overload rules from the log) or `start` (no history).
        public var basis: String
        /// The overload rules' direction and rule for `history` exercises.
        public var direction: String?
        public var rule: String?
        public var reasons: [String]

        public init(id: String, name: String, equipment: String?, primaryMuscles: [String], sets: Int, reps: RepRange,
                    targetReps: Int, load: Double?, targetRPE: Double?, restSeconds: Int, minutes: Double, basis: String,
                    direction: String?, rule: String?, reasons: [String]) {
            self.id = id; self.name = name; self.equipment = equipment; self.primaryMuscles = primaryMuscles
            self.sets = sets; self.reps = reps; self.targetReps = targetReps; self.load = load; self.targetRPE = targetRPE
            self.restSeconds = restSeconds; self.minutes = minutes; self.basis = basis; self.direction = direction
            self.rule = rule; self.reasons = reasons
        }

        enum CodingKeys: String, CodingKey {
            case id, name, equipment, sets, reps, load, minutes, basis, direction, rule, reasons
            case primaryMuscles = "primary_muscles"
            case targetReps = "target_reps"
            case targetRPE = "target_rpe"
            case restSeconds = "rest_seconds"
        }

        /// Encodes every key, with `null` for absent values, as the schema requires.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(equipment, forKey: .equipment)
            try c.encode(primaryMuscles, forKey: .primaryMuscles)
            try c.encode(sets, forKey: .sets)
            try c.encode(reps, forKey: .reps)
            try c.encode(targetReps, forKey: .targetReps)
            try c.encode(load, forKey: .load)
            try c.encode(targetRPE, forKey: .targetRPE)
            try c.encode(restSeconds, forKey: .restSeconds)
            try c.encode(minutes, forKey: .minutes)
            try c.encode(basis, forKey: .basis)
            try c.encode(direction, forKey: .direction)
            try c.encode(rule, forKey: .rule)
            try c.encode(reasons, forKey: .reasons)
        }
    }

    /// Inclusive rep range.
    public struct RepRange: Sendable, Equatable, Codable {
        public var min: Int
        public var max: Int
        public init(min: Int, max: Int) { self.min = min; self.max = max }
    }

    public init(minutes: Int, estimatedMinutes: Double, warmupMinutes: Double, unit: String, equipment: [String]?,
                muscles: [String], avoid: [String], exercises: [Exercise], notes: [String]) {
        self.minutes = minutes; self.estimatedMinutes = estimatedMinutes; self.warmupMinutes = warmupMinutes
        self.unit = unit; self.equipment = equipment; self.muscles = muscles; self.avoid = avoid
        self.exercises = exercises; self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case minutes, unit, equipment, muscles, avoid, exercises, notes
        case estimatedMinutes = "estimated_minutes"
        case warmupMinutes = "warmup_minutes"
    }
}
