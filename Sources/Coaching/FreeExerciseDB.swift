import Foundation

/// Reads free-exercise-db's `exercises.json` into catalog exercises.
///
/// Format: a JSON array of objects `{id, name, force?, level, mechanic?, equipment?,
/// primaryMuscles: [String], secondaryMuscles: [String], instructions: [String], category,
/// images: [String]}`; `level` is beginner|intermediate|expert, muscles use the 17-value
/// vocabulary of `Muscle`. Unknown muscle names are dropped; instructions and images are ignored.
public enum FreeExerciseDB {
    struct Record: Decodable {
        var id: String, name: String, force: String?, level: String, mechanic: String?, equipment: String?
        var primaryMuscles: [String], secondaryMuscles: [String], category: String
    }

    /// Decodes the whole file.
    public static func decode(_ data: Data) throws -> [CatalogExercise] {
        let records: [Record]
        do { records = try JSONDecoder().decode([Record].self, from: data) } catch {
            throw CoachingError.invalidInput("exercises.json is not a free-exercise-db array: \(error)")
        }
        return records.map { r in
            CatalogExercise(id: r.id, name: r.name, primaryMuscles: r.primaryMuscles.compactMap(Muscle.init(rawValue:)),
                            secondaryMuscles: r.secondaryMuscles.compactMap(Muscle.init(rawValue:)), equipment: r.equipment,
                            level: ExperienceLevel(name: r.level) ?? .beginner, mechanic: r.mechanic, force: r.force,
                            category: r.category)
        }
    }
}
