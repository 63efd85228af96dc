import Checksum
import Foundation
import Yams

// Layout of knowledge/ (documented for editors in knowledge/README.md, machine-checkable in
// knowledge/schema/knowledge.schema.json):
//
//   knowledge/exercises/*.yaml   exercises: [Exercise]          (split by body region)
//   knowledge/principles/*.yaml  sections:  [PrincipleSection]
//   knowledge/programs/*.yaml    templates: [ProgramTemplate]
//
// Every file is a YAML mapping with exactly that one top-level key. Field names are snake_case.
// Ids are kebab-case and unique across all three kinds; exercise references (progressions,
// regressions, substitutions, template slots) must name existing exercise ids.

extension KnowledgeBase {
    /// Loads and validates every YAML file under `directory`.
    ///
    /// - Throws: `KnowledgeError` naming the file (relative to `directory`) and the field at fault.
    public static func load(directory: URL) throws -> KnowledgeBase {
        var hasher = SHA256()
        var exercises: [Exercise] = []
        var principles: [PrincipleSection] = []
        var templates: [ProgramTemplate] = []
        var origin: [String: String] = [:]  // id -> file that defined it

        func files(_ sub: String) throws -> [String] {
            let dir = directory.appendingPathComponent(sub)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
                throw KnowledgeError(.missingFile, file: sub, "directory not found under \(directory.path); the knowledge base needs exercises/, principles/ and programs/")
            }
            return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "\(sub)/\($0)" }
        }

        func read(_ relative: String, key: String) throws -> [YAMLFields] {
            let data = try Data(contentsOf: directory.appendingPathComponent(relative))
            hasher.update(Array(relative.utf8) + [0])
            hasher.update(Array(data))
            let node: Any?
            do { node = try Yams.load(yaml: String(decoding: data, as: UTF8.self)) } catch {
                throw KnowledgeError(.invalidData, file: relative, "not valid YAML: \(error)")
            }
            let root = try YAMLFields(file: relative, path: "", node: node)
            try root.rejectUnknownKeys([key])
            return try root.objects(key, minCount: 1)
        }

        func claim(_ id: String, _ fields: YAMLFields) throws {
            guard Self.isKebabCase(id) else {
                throw fields.fail("id", "'\(id)' is not kebab-case (lower-case words joined by '-')")
            }
            if let other = origin[id] {
                throw fields.fail("id", "'\(id)' is already defined in \(other); ids must be unique")
            }
            origin[id] = fields.file
        }

        for file in try files("exercises") {
            for fields in try read(file, key: "exercises") {
                let e = try Exercise(fields: fields)
                try claim(e.id, fields)
                exercises.append(e)
            }
        }
        for file in try files("principles") {
            for fields in try read(file, key: "sections") {
                let p = try PrincipleSection(fields: fields)
                try claim(p.id, fields)
                principles.append(p)
            }
        }
        for file in try files("programs") {
            for fields in try read(file, key: "templates") {
                let t = try ProgramTemplate(fields: fields)
                try claim(t.id, fields)
                templates.append(t)
            }
        }
        let kb = KnowledgeBase(exercises: exercises, principles: principles, templates: templates,
                               contentHash: hasher.finalizeHex())
        try kb.validateReferences(origin: origin)
        return kb
    }

    /// Every exercise reference must name an existing exercise.
    private func validateReferences(origin: [String: String]) throws {
        let ids = Set(exercises.map(\.id))
        var names: [String: String] = [:]  // lower-cased name or alias -> exercise id
        for (i, e) in exercises.enumerated() {
            let file = origin[e.id]
            let index = exercises[..<i].filter { origin[$0.id] == file }.count
            for (j, name) in ([e.name] + e.aliases).enumerated() {
                let key = name.lowercased()
                if let other = names[key], other != e.id {
                    throw KnowledgeError(.invalidData, file: file, field: j == 0 ? "exercises[\(index)].name" : "exercises[\(index)].aliases[\(j - 1)]",
                                         "'\(name)' already names exercise '\(other)'; a name or alias must identify one exercise")
                }
                names[key] = e.id
            }
            for (key, list) in [("progressions", e.progressions), ("regressions", e.regressions), ("substitutions", e.substitutions)] {
                for (j, ref) in list.enumerated() where !ids.contains(ref) || ref == e.id {
                    throw KnowledgeError(.invalidData, file: file, field: "exercises[\(index)].\(key)[\(j)]",
                                         ref == e.id ? "'\(e.id)' refers to itself" : "'\(ref)' is not an exercise id in the knowledge base")
                }
            }
        }
        for t in templates {
            for (d, day) in t.days.enumerated() {
                for (s, slot) in day.slots.enumerated() where !ids.contains(slot.exerciseID) {
                    throw KnowledgeError(.invalidData, file: origin[t.id], field: "templates[id=\(t.id)].days[\(d)].exercises[\(s)].exercise",
                                         "'\(slot.exerciseID)' is not an exercise id in the knowledge base")
                }
            }
        }
    }

    static func isKebabCase(_ s: String) -> Bool {
        !s.isEmpty && s.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }
}

extension Exercise {
    init(fields f: YAMLFields) throws {
        try f.rejectUnknownKeys(["id", "name", "aliases", "summary", "primary_muscles", "secondary_muscles",
                                 "equipment", "level", "mechanic", "force", "category", "cues", "mistakes",
                                 "progressions", "regressions", "substitutions", "contraindications"])
        self.init(
            id: try f.string("id"), name: try f.string("name"), aliases: try f.strings("aliases"),
            summary: try f.string("summary"),
            primaryMuscles: try f.enumValues("primary_muscles", as: Muscle.self, minCount: 1),
            secondaryMuscles: try f.enumValues("secondary_muscles", as: Muscle.self),
            equipment: try f.value("equipment", as: Equipment.self),
            level: try f.term("level", ExperienceLevel.init(catalogName:), allowed: ExperienceLevel.allCases.map(\.catalogName)),
            mechanic: try f.optionalValue("mechanic", as: Mechanic.self),
            force: try f.optionalValue("force", as: Force.self),
            category: try f.value("category", as: ExerciseCategory.self),
            cues: try f.strings("cues", minCount: 1), mistakes: try f.strings("mistakes", minCount: 1),
            progressions: try f.strings("progressions"), regressions: try f.strings("regressions"),
            substitutions: try f.strings("substitutions"), contraindications: try f.strings("contraindications"))
    }
}

extension PrincipleSection {
    init(fields f: YAMLFields) throws {
        try f.rejectUnknownKeys(["id", "title", "topic", "text"])
        self.init(id: try f.string("id"), title: try f.string("title"), topic: try f.string("topic"), text: try f.string("text"))
    }
}

extension ProgramTemplate {
    init(fields f: YAMLFields) throws {
        try f.rejectUnknownKeys(["id", "name", "summary", "goals", "levels", "days_per_week", "session_minutes",
                                 "equipment", "weeks", "days", "progression", "deload"])
        let days = try f.objects("days", minCount: 1).map { d in
            try d.rejectUnknownKeys(["name", "focus", "exercises"])
            let slots = try d.objects("exercises", minCount: 1).map { s in
                try s.rejectUnknownKeys(["exercise", "sets", "reps", "intensity"])
                return Slot(exerciseID: try s.string("exercise"), sets: try s.int("sets", range: 1...20),
                            reps: try s.string("reps"), intensity: try s.optionalString("intensity") ?? "")
            }
            return Day(name: try d.string("name"), focus: try d.string("focus"), slots: slots)
        }
        let daysPerWeek = try f.int("days_per_week", range: 1...7)
        guard days.count == daysPerWeek else {
            throw f.fail("days", "lists \(days.count) training days but days_per_week is \(daysPerWeek); make them agree")
        }
        self.init(
            id: try f.string("id"), name: try f.string("name"), summary: try f.string("summary"),
            goals: try f.terms("goals", TrainingGoal.init(catalogName:), allowed: TrainingGoal.allCases.map(\.catalogName), minCount: 1),
            levels: try f.terms("levels", ExperienceLevel.init(catalogName:), allowed: ExperienceLevel.allCases.map(\.catalogName), minCount: 1),
            daysPerWeek: daysPerWeek, sessionMinutes: try f.int("session_minutes", range: 10...240),
            equipment: try f.enumValues("equipment", as: Equipment.self, minCount: 1),
            weeks: try f.int("weeks", range: 1...52), days: days,
            progression: try f.strings("progression", minCount: 1), deload: try f.string("deload"))
    }
}
