/// What an import did. All counts refer to this import only.
public struct ImportReport: Sendable, Equatable, Codable {
    /// A data row that was not imported, and why. `line` is 1-based in the CSV file.
    public struct SkippedRow: Sendable, Equatable, Codable {
        public var line: Int
        public var reason: String
    }

    public var format: ImportFormat
    /// Sessions written by this import.
    public var sessionsImported: Int
    /// Sets written by this import.
    public var setsImported: Int
    /// Sessions already stored for the user (same start time and source): not written again.
    public var sessionsAlreadyPresent: Int
    public var skippedRows: [SkippedRow]
    /// Exercise names the injected `ExerciseNameResolving` could not match (sorted, unique);
    /// empty when no resolver was injected.
    public var unmatchedExercises: [String]
    /// Whether a name resolver was used at all.
    public var resolverUsed: Bool
}

/// Supported CSV export formats.
public enum ImportFormat: String, Sendable, Codable, CaseIterable {
    /// Hevy app CSV export.
    case hevy
    /// Strong app CSV export: classic comma format, or the newer semicolon format.
    case strong
}

/// A canonical exercise a free-text name was matched to.
public struct ResolvedExerciseName: Sendable, Equatable {
    /// The knowledge base's exercise id.
    public var id: String
    /// The knowledge base's name for it.
    public var canonicalName: String
    /// Match quality in 0...1: 1 for exact, alias and normalised names, the embedding cosine for
    /// a similarity match.
    public var score: Double

    public init(id: String, canonicalName: String, score: Double = 1) {
        self.id = id
        self.canonicalName = canonicalName
        self.score = score
    }
}

/// Matches exercise names as written in logs ("Squat (Barbell)") to knowledge-base exercises.
/// The importer calls it, when one is injected, once per distinct name; the knowledge base
/// implements it.
public protocol ExerciseNameResolving: Sendable {
    /// The matching exercise, or `nil` if none matches well enough.
    func resolve(_ name: String) -> ResolvedExerciseName?
}
