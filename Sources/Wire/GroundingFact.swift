/// One fact the reply must agree with. `min`/`max` (with `unit`: kg, lb, reps, h) give the
/// range the answer checker enforces for numbers about `subject` (e.g. an exercise name).
public struct GroundingFact: Sendable, Equatable, Codable {
    public var id: String
    /// e.g. `overload`, `recovery`, `recommendation`, `next_workout`.
    public var kind: String
    public var subject: String
    /// A sentence for the prompt and for clients.
    public var text: String
    public var min: Double?
    public var max: Double?
    public var unit: String?
    /// The decision in plain words, addressed to the lifter, when the fact holds one ("Next bench
    /// day: 190 lb × 5, up from 185 lb."): the reply may open with it (`lead`). Absent for facts
    /// that only describe.
    public var advice: String?

    public init(id: String, kind: String, subject: String, text: String, min: Double? = nil, max: Double? = nil, unit: String? = nil,
                advice: String? = nil) {
        self.id = id
        self.kind = kind
        self.subject = subject
        self.text = text
        self.min = min
        self.max = max
        self.unit = unit
        self.advice = advice
    }
}
