/// The one error type of the Knowledge module.
///
/// Validation errors name the file and the field (`exercises/chest.yaml: exercises[3].level: ...`)
/// so that whoever edits `knowledge/` can fix the data without reading code.
public struct KnowledgeError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is; new kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String { case invalidData, missingFile, index, embedding, query, notFound, curated }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// A knowledge or import file does not follow its schema.
        public static let invalidData = Code(.invalidData)
        /// A file or directory that must exist does not.
        public static let missingFile = Code(.missingFile)
        /// The SQLite index could not be opened, built or queried.
        public static let index = Code(.index)
        /// The embedder failed or returned vectors of the wrong shape.
        public static let embedding = Code(.embedding)
        /// A search query or evaluation case is unusable.
        public static let query = Code(.query)
        /// The id names nothing in the index.
        public static let notFound = Code(.notFound)
        /// The entry is part of the curated knowledge base (`knowledge/`), not an import, so it
        /// cannot be removed through the index; edit `knowledge/` instead.
        public static let curated = Code(.curated)
        public var description: String { base.rawValue }
    }

    public let code: Code
    /// The file at fault, relative to the directory being loaded, when there is one.
    public let file: String?
    /// The field path inside the file (`exercises[3].primary_muscles[0]`), when there is one.
    public let field: String?
    /// What was wrong and what to do about it.
    public let message: String

    public init(_ code: Code, file: String? = nil, field: String? = nil, _ message: String) {
        self.code = code
        self.file = file
        self.field = field
        self.message = message
    }

    public var description: String {
        [file, field].compactMap { $0 }.joined(separator: ": ")
            + ((file ?? field) == nil ? "" : ": ") + message
    }
}
