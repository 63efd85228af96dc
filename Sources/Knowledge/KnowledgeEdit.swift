import Foundation

/// An operator change to the knowledge base as it travels through the shared knowledge log: the
/// store keeps `kind` and `payload` (text), every daemon decodes them and applies the edit to its
/// own index (`KnowledgeIndex.apply(_:sequence:)`).
///
/// Payload formats (frozen: old log rows must stay readable):
/// - `import`: a JSON array of `ImportedExercise` (`source`, `externalID`, `exercise` with the
///   `Exercise` fields), keys sorted — the parsed, validated import, not the uploaded bytes;
/// - `remove`: the knowledge id as plain UTF-8 text.
public enum KnowledgeEdit: Sendable, Hashable {
    /// Import (merge or add) these exercises.
    case importExercises([ImportedExercise])
    /// Remove what imports put under this knowledge id.
    case removeImported(id: String)

    /// What applying an edit did to one index.
    public enum Outcome: Sendable {
        case imported(ImportReport)
        case removed(RemovalReport)
        /// The edit changed nothing here: the id is unknown or curated (for example, two
        /// operators removed the same entry). The error says why.
        case unchanged(KnowledgeError)
    }

    /// The log's kind: `import` or `remove`.
    public var kind: String {
        switch self {
        case .importExercises: "import"
        case .removeImported: "remove"
        }
    }

    /// The log's payload text (see the formats above).
    public func payload() throws -> String {
        switch self {
        case .importExercises(let items):
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            do { return String(decoding: try encoder.encode(items), as: UTF8.self) } catch {
                throw KnowledgeError(.invalidData, "cannot encode the import for the knowledge log: \(error)")
            }
        case .removeImported(let id):
            return id
        }
    }

    /// Decodes a log row; throws `.invalidData` naming the kind when the payload is unreadable.
    public init(kind: String, payload: String) throws {
        switch kind {
        case "import":
            do {
                self = .importExercises(try JSONDecoder().decode([ImportedExercise].self, from: Data(payload.utf8)))
            } catch {
                throw KnowledgeError(.invalidData, field: "knowledge_changes.payload", "an import in the knowledge log is not a JSON array of exercises: \(error)")
            }
        case "remove":
            self = .removeImported(id: payload)
        default:
            throw KnowledgeError(.invalidData, field: "knowledge_changes.kind", "unknown knowledge change '\(kind.prefix(40))'; is a newer Spotter writing to this database?")
        }
    }
}
