/// One section of the training principles (`knowledge/principles/*.yaml`): progressive overload,
/// RPE/RIR, deloads, recovery, warm-ups, nutrition, periodization.
public struct PrincipleSection: Sendable, Codable, Hashable, Identifiable {
    /// Kebab-case identifier, unique across the knowledge base: `rpe-rir-load-table`.
    public var id: String
    public var title: String
    /// The topic group, e.g. `recovery`, `nutrition`.
    public var topic: String
    /// Plain text (may hold a simple text table); this is the passage retrieval returns.
    public var text: String

    public init(id: String, title: String, topic: String, text: String) {
        self.id = id
        self.title = title
        self.topic = topic
        self.text = text
    }
}
