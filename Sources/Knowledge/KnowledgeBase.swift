import Foundation

/// The embedded knowledge base: exercises, training principles and program templates, loaded
/// from `knowledge/` and validated.
///
/// ```swift
/// let kb = try KnowledgeBase.load(directory: URL(fileURLWithPath: "knowledge"))
/// print(kb.exercises.count, kb.templates.map(\.name))
/// ```
public struct KnowledgeBase: Sendable {
    public let exercises: [Exercise]
    public let principles: [PrincipleSection]
    public let templates: [ProgramTemplate]
    /// SHA-256 (hex) over every loaded file's relative path and bytes; changes when any file does.
    public let contentHash: String

    public init(exercises: [Exercise], principles: [PrincipleSection], templates: [ProgramTemplate], contentHash: String) {
        self.exercises = exercises
        self.principles = principles
        self.templates = templates
        self.contentHash = contentHash
    }

    /// The exercise with this id, if any.
    public func exercise(id: String) -> Exercise? { exercises.first { $0.id == id } }
    /// The template with this id, if any.
    public func template(id: String) -> ProgramTemplate? { templates.first { $0.id == id } }
}
