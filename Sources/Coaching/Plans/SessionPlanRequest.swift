/// What a session request asks for, read from the user's message (`PlanRequestParser`) or given
/// by an app. Every field is optional: an empty request plans the lifter's next session from
/// their routine and profile in the default time.
public struct SessionPlanRequest: Sendable, Hashable {
    /// Minutes the session may take (warm-up included); nil → `SessionPlanner.defaultMinutes`.
    public var minutes: Int?
    /// Equipment the session may use (free-exercise-db vocabulary: "dumbbell", "body only", …);
    /// replaces the profile's list ("a dumbbell-only session"). Nil keeps the profile's.
    public var equipment: Set<String>?
    /// Muscles the session must train ("leg day" → quadriceps, hamstrings, glutes, calves); empty
    /// lets the routine (or, with no history, the recommender) choose.
    public var muscles: Set<Muscle>
    /// A split word the message used ("legs", "push", "upper"), passed to the routine model as the
    /// planned split so logged sessions with that title lead.
    public var split: String?
    /// Body sites the message says hurt ("my knee hurts" → "knee"), treated like profile injuries.
    public var painSites: [String]

    public init(minutes: Int? = nil, equipment: Set<String>? = nil, muscles: Set<Muscle> = [], split: String? = nil,
                painSites: [String] = []) {
        self.minutes = minutes
        self.equipment = equipment
        self.muscles = muscles
        self.split = split
        self.painSites = painSites
    }
}
