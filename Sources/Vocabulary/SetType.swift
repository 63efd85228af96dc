/// What a logged set was for. Wire and database spelling: `normal`, `warmup`, `failure`, `dropset`.
public enum SetType: String, Codable, Sendable, Hashable, CaseIterable {
    case normal, warmup, failure, dropset

    /// Whether the set counts as a working set: normal sets and sets to failure. Warm-ups and
    /// drop sets (a lighter continuation of a working set) do not. The one definition used by
    /// the prompt's context, the grounding and the Coaching models.
    public var isWorking: Bool { self == .normal || self == .failure }
}
