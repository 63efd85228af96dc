import Foundation

/// One operator change to the shared knowledge base, as recorded in the store's append-only
/// knowledge log (`knowledge_changes`): an import of a batch of exercises or the removal of an
/// imported entry. Every daemon replays the log, in `sequence` order, into its own local search
/// index (derived data, never shared).
///
/// The store keeps `payload` as opaque text; its meaning belongs to the knowledge capability:
/// - `import`: a JSON array of the parsed exercises (`ImportedExercise`, the import's normal form);
/// - `remove`: the knowledge id, as plain text.
public struct KnowledgeLogEntry: Sendable, Hashable {
    /// What the change does.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// An import of a batch of exercises.
        case importExercises = "import"
        /// The removal of what imports put under one knowledge id.
        case removeImported = "remove"
    }

    /// Increases with every change, in commit order; never reused (there may be gaps).
    public var sequence: Int64
    public var kind: Kind
    public var payload: String
    /// When the change was committed (the appending daemon's clock).
    public var recordedAt: Date

    public init(sequence: Int64, kind: Kind, payload: String, recordedAt: Date) {
        self.sequence = sequence
        self.kind = kind
        self.payload = payload
        self.recordedAt = recordedAt
    }
}
