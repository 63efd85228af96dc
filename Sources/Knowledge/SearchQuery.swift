/// How a search ranks documents.
public enum SearchMode: String, Sendable, Codable, CaseIterable {
    /// SQLite FTS5 BM25 over weighted columns (title > aliases > muscles > text).
    case bm25
    /// Cosine similarity of sentence embeddings, brute force over an in-memory matrix.
    case dense
    /// Reciprocal-rank fusion of the two.
    case hybrid
}

/// A search request. Filters combine with AND; each set filter matches any of its members.
/// Exercise-only filters (muscles, equipment, levels, categories) exclude principles and
/// templates.
public struct SearchQuery: Sendable, Hashable {
    public var text: String
    public var mode: SearchMode
    public var limit: Int
    public var kinds: Set<DocumentKind>
    /// Matches exercises whose *primary* muscles include one of these.
    public var muscles: Set<Muscle>
    public var equipment: Set<Equipment>
    public var levels: Set<ExperienceLevel>
    public var categories: Set<ExerciseCategory>

    public init(
        _ text: String, mode: SearchMode = .hybrid, limit: Int = 5,
        kinds: Set<DocumentKind> = Set(DocumentKind.allCases), muscles: Set<Muscle> = [],
        equipment: Set<Equipment> = [], levels: Set<ExperienceLevel> = [], categories: Set<ExerciseCategory> = []
    ) {
        self.text = text
        self.mode = mode
        self.limit = limit
        self.kinds = kinds
        self.muscles = muscles
        self.equipment = equipment
        self.levels = levels
        self.categories = categories
    }

    var hasExerciseFilters: Bool {
        !muscles.isEmpty || !equipment.isEmpty || !levels.isEmpty || !categories.isEmpty
    }

    func admits(_ d: KnowledgeDocument) -> Bool {
        guard kinds.contains(d.kind) else { return false }
        guard hasExerciseFilters else { return true }
        guard d.kind == .exercise else { return false }
        if !muscles.isEmpty, !d.primaryMuscles.contains(where: { muscles.contains($0) }) { return false }
        if !equipment.isEmpty, !(d.equipment.map { equipment.contains($0) } ?? false) { return false }
        if !levels.isEmpty, !(d.level.map { levels.contains($0) } ?? false) { return false }
        if !categories.isEmpty, !(d.category.map { categories.contains($0) } ?? false) { return false }
        return true
    }
}

/// One search result.
public struct SearchHit: Sendable, Codable, Hashable {
    public var id: String
    public var kind: DocumentKind
    public var title: String
    /// The passage to show or to put in a prompt.
    public var text: String
    /// Higher is better; comparable only within one result list (BM25, cosine or RRF score).
    public var score: Double
    /// `knowledge`, or the import source the document came from.
    public var source: String

    public init(id: String, kind: DocumentKind, title: String, text: String, score: Double, source: String) {
        self.id = id
        self.kind = kind
        self.title = title
        self.text = text
        self.score = score
        self.source = source
    }
}
