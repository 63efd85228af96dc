/// What a search document is.
public enum DocumentKind: String, Sendable, Codable, CaseIterable, Hashable {
    case exercise, principle, template
}

/// One searchable unit of the index: an exercise, a principles section or a program template.
struct KnowledgeDocument: Sendable, Hashable {
    var id: String
    var kind: DocumentKind
    /// `knowledge` for knowledge/, else the import source (`free-exercise-db`).
    var source: String
    var title: String
    var aliases: [String]
    /// The passage returned with hits.
    var body: String
    var primaryMuscles: [Muscle] = []
    var secondaryMuscles: [Muscle] = []
    var equipment: Equipment? = nil
    var level: ExperienceLevel? = nil
    var category: ExerciseCategory? = nil

    /// Muscle words for the weighted FTS column.
    var muscleText: String {
        (primaryMuscles + secondaryMuscles).map(\.rawValue).joined(separator: " ")
    }

    /// The text the dense vector is computed from: short, front-loaded with what people search by
    /// (the encoder truncates long inputs).
    var embeddingText: String {
        var parts = [title]
        if !aliases.isEmpty { parts.append(aliases.prefix(4).joined(separator: ", ")) }
        if !primaryMuscles.isEmpty { parts.append("Works \(primaryMuscles.map(\.rawValue).joined(separator: ", "))") }
        if let equipment { parts.append("Equipment: \(equipment.rawValue)") }
        parts.append(String(body.prefix(600)))
        return parts.joined(separator: ". ")
    }
}

extension KnowledgeDocument {
    init(exercise e: Exercise, source: String = "knowledge") {
        var body = e.summary
        if !e.cues.isEmpty { body += " Cues: " + e.cues.joined(separator: "; ") + "." }
        if !e.mistakes.isEmpty { body += " Common mistakes: " + e.mistakes.joined(separator: "; ") + "." }
        if !e.contraindications.isEmpty { body += " Caution: " + e.contraindications.joined(separator: "; ") + "." }
        self.init(id: e.id, kind: .exercise, source: source, title: e.name, aliases: e.aliases, body: body,
                  primaryMuscles: e.primaryMuscles, secondaryMuscles: e.secondaryMuscles,
                  equipment: e.equipment, level: e.level, category: e.category)
    }

    init(principle p: PrincipleSection) {
        self.init(id: p.id, kind: .principle, source: "knowledge", title: p.title, aliases: [p.topic], body: p.text)
    }

    init(template t: ProgramTemplate) {
        let days = t.days.map { "\($0.name): \($0.focus)" }.joined(separator: "; ")
        let body = "\(t.summary) \(t.daysPerWeek) days per week, about \(t.sessionMinutes) minutes, "
            + "for \(t.levels.map(\.catalogName).joined(separator: "/")) lifters; goals: \(t.goals.map(\.catalogName).joined(separator: ", ")). "
            + "Equipment: \(t.equipment.map(\.rawValue).joined(separator: ", ")). Week: \(days). "
            + "Progression: \(t.progression.joined(separator: " ")) Deload: \(t.deload)"
        self.init(id: t.id, kind: .template, source: "knowledge", title: t.name, aliases: [], body: body)
    }
}
