/// The one error type of the Coaching module.
public struct CoachingError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Sendable, Hashable {
        case noHistory(String)
        case invalidWeights(String)
        case invalidInput(String)
    }
    private let kind: Kind

    /// What kind of failure this is (stable, for callers that branch on it).
    public enum Category: Sendable, Hashable {
        /// No working set is logged for the exercise.
        case noHistory
        /// A weights file is missing, truncated or has the wrong shape.
        case invalidWeights
        /// An argument is out of range.
        case invalidInput
    }

    public var category: Category {
        switch kind {
        case .noHistory: .noHistory
        case .invalidWeights: .invalidWeights
        case .invalidInput: .invalidInput
        }
    }

    /// There is no working set for the exercise yet.
    public static func noHistory(exercise: String) -> Self { .init(kind: .noHistory(exercise)) }
    /// A weights file is missing, truncated or has the wrong shape.
    public static func invalidWeights(_ detail: String) -> Self { .init(kind: .invalidWeights(detail)) }
    /// An argument is out of range.
    public static func invalidInput(_ detail: String) -> Self { .init(kind: .invalidInput(detail)) }

    public var description: String {
        switch kind {
        case .noHistory(let e):
            "no working sets logged for \"\(e)\"; log a session with it (or pick a starting load at RPE 7) before asking for a progression"
        case .invalidWeights(let d): "LSTM weights file is unusable: \(d); run `spotter train lstm` to write a new one"
        case .invalidInput(let d): d
        }
    }
}
