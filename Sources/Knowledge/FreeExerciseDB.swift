import Foundation

// The free-exercise-db format (github.com/yuhonas/free-exercise-db, `exercises.json`, public
// domain): a JSON array of objects
//
//   { "id": "Barbell_Squat", "name": "Barbell Squat",
//     "force": "push"|"pull"|"static"|null, "level": "beginner"|"intermediate"|"expert",
//     "mechanic": "compound"|"isolation"|null, "equipment": <Equipment raw value>|null,
//     "primaryMuscles": [<Muscle raw value>], "secondaryMuscles": [...],
//     "instructions": ["step", ...], "category": <ExerciseCategory raw value>, "images": [...] }
//
// Unknown keys are ignored; a null equipment becomes `other`.

/// One exercise from an external database, converted to our model.
public struct ImportedExercise: Sendable, Codable, Hashable {
    /// The database it came from, e.g. `free-exercise-db`.
    public var source: String
    /// Its id in that database.
    public var externalID: String
    /// The exercise in our model; `id` is a proposal that the index may change to stay unique.
    public var exercise: Exercise

    public init(source: String, externalID: String, exercise: Exercise) {
        self.source = source
        self.externalID = externalID
        self.exercise = exercise
    }
}

/// Reads free-exercise-db JSON.
public enum FreeExerciseDB {
    public static let source = "free-exercise-db"

    private struct Record: Decodable {
        var id: String
        var name: String
        var force: String?
        var level: String
        var mechanic: String?
        var equipment: String?
        var primaryMuscles: [String]
        var secondaryMuscles: [String]
        var instructions: [String]
        var category: String
    }

    /// Parses the file's bytes; errors name the array index and field.
    public static func parse(_ data: Data, file: String = "exercises.json") throws -> [ImportedExercise] {
        let records: [Record]
        do { records = try JSONDecoder().decode([Record].self, from: data) } catch let DecodingError.keyNotFound(key, ctx) {
            throw KnowledgeError(.invalidData, file: file, field: path(ctx.codingPath + [key]), "required field is missing; is this free-exercise-db's exercises.json?")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw KnowledgeError(.invalidData, file: file, field: path(ctx.codingPath),
                                 ctx.codingPath.isEmpty ? "expected a JSON array of free-exercise-db exercises" : "wrong JSON type for this field")
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw KnowledgeError(.invalidData, file: file, field: path(ctx.codingPath), "value is null but required")
        } catch DecodingError.dataCorrupted(let ctx) where !ctx.codingPath.isEmpty {
            throw KnowledgeError(.invalidData, file: file, field: path(ctx.codingPath), "malformed value")
        } catch {
            // Not JSON at all (or not an array): say so without the decoder's debug text.
            throw KnowledgeError(.invalidData, file: file, "not valid JSON, or not a JSON array of free-exercise-db exercises")
        }
        return try records.enumerated().map { i, r in
            func bad(_ field: String, _ value: String) -> KnowledgeError {
                KnowledgeError(.invalidData, file: file, field: "[\(i)].\(field)", "'\(value)' is not in the free-exercise-db vocabulary")
            }
            func muscles(_ list: [String], _ field: String) throws -> [Muscle] {
                try list.map { guard let m = Muscle(rawValue: $0) else { throw bad(field, $0) }; return m }
            }
            guard let level = ExperienceLevel(catalogName: r.level) else { throw bad("level", r.level) }
            guard let category = ExerciseCategory(rawValue: r.category) else { throw bad("category", r.category) }
            let equipment = try r.equipment.map { guard let e = Equipment(rawValue: $0) else { throw bad("equipment", $0) }; return e } ?? .other
            let primary = try muscles(r.primaryMuscles, "primaryMuscles")
            guard !primary.isEmpty else { throw KnowledgeError(.invalidData, file: file, field: "[\(i)].primaryMuscles", "no primary muscle given") }
            let summary = r.instructions.first ?? r.name
            let exercise = Exercise(
                id: kebab(r.name), name: r.name, summary: summary, primaryMuscles: primary,
                secondaryMuscles: try muscles(r.secondaryMuscles, "secondaryMuscles"), equipment: equipment,
                level: level, mechanic: r.mechanic.flatMap(Mechanic.init(rawValue:)),
                force: r.force.flatMap(Force.init(rawValue:)), category: category,
                cues: Array(r.instructions.dropFirst()))
            return ImportedExercise(source: source, externalID: r.id, exercise: exercise)
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    /// `"Barbell Squat (Wide)"` -> `"barbell-squat-wide"`.
    static func kebab(_ name: String) -> String {
        name.lowercased().split { !($0.isLetter || $0.isNumber) || !$0.isASCII }.joined(separator: "-")
    }
}

/// What an import did.
public struct ImportReport: Sendable, Codable, Hashable {
    /// New exercises added to the index.
    public var added: Int
    /// Exercises the knowledge base (or an earlier import) already had; their names became aliases.
    public var merged: Int
    /// Exercises this source had already imported, left unchanged.
    public var skipped: Int
    /// `external name -> existing id` for each merge, for review.
    public var merges: [String: String]

    public init(added: Int = 0, merged: Int = 0, skipped: Int = 0, merges: [String: String] = [:]) {
        self.added = added
        self.merged = merged
        self.skipped = skipped
        self.merges = merges
    }
}
