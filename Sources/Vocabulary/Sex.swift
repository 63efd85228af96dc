/// A user's sex as a profile states it (optional everywhere). Wire spelling: `male`, `female`, `other`.
public enum Sex: String, Codable, Sendable, Hashable, CaseIterable {
    case male, female, other
}
