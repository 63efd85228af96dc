import Coaching
import Foundation
import Knowledge

/// The knowledge base in Coaching's terms, built once at start-up: exercises as
/// `CatalogExercise` (free-exercise-db vocabulary; the knowledge file's contraindications become
/// body sites, to which `ContraindicationRules` adds sites inferred from muscles), program
/// templates as Coaching `ProgramTemplate`s, and name lookups (names and aliases, normalised).
public struct CoachingCatalog: Sendable {
    public let exercises: [CatalogExercise]
    public let templates: [Coaching.ProgramTemplate]
    /// Knowledge category per exercise id (for the next-workout type converter).
    public let categories: [String: ExerciseCategory]
    /// Normalised name or alias → exercise id.
    let idsByName: [String: String]
    /// Normalised names and aliases per exercise id (for finding exercises named in a message).
    let namesById: [String: [String]]
    private let indexById: [String: Int]

    public init(knowledgeBase kb: KnowledgeBase) {
        exercises = kb.exercises.map(Self.catalogExercise)
        templates = kb.templates.map(Self.template)
        var categories: [String: ExerciseCategory] = [:]
        var idsByName: [String: String] = [:]
        var namesById: [String: [String]] = [:]
        for e in kb.exercises {
            categories[e.id] = e.category
            let names = ([e.name] + e.aliases).map(Self.normalize).filter { !$0.isEmpty }
            namesById[e.id] = Array(Set(names))
            for n in names where idsByName[n] == nil { idsByName[n] = e.id }
            idsByName[Self.normalize(e.id)] = e.id
        }
        self.categories = categories
        self.idsByName = idsByName
        self.namesById = namesById
        indexById = Dictionary(exercises.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    }

    /// The exercise with this knowledge id.
    public func exercise(id: String) -> CatalogExercise? { indexById[id].map { exercises[$0] } }

    /// The knowledge id for an exact name, alias or id (case and punctuation ignored).
    public func id(forName name: String) -> String? { idsByName[Self.normalize(name)] }

    /// Names and aliases of an exercise, normalised.
    func names(id: String) -> [String] { namesById[id] ?? [] }

    /// Lowercase words of letters and digits separated by single spaces: "Bench Press (Barbell)" →
    /// "bench press barbell" (`ExerciseText.normalize`).
    public static func normalize(_ text: String) -> String { ExerciseText.normalize(text) }

    /// free-exercise-db's `exercises.json` in Coaching's terms, read the production way: the
    /// Knowledge parser (`FreeExerciseDB.parse`, its ids and validation), then `catalogExercise`.
    /// For the benches and the tests that score the whole external catalog.
    public static func freeExerciseDB(contentsOf url: URL) throws -> [CatalogExercise] {
        try FreeExerciseDB.parse(Data(contentsOf: url), file: url.lastPathComponent).map { catalogExercise($0.exercise) }
    }

    static func catalogExercise(_ e: Exercise) -> CatalogExercise {
        return CatalogExercise(
            id: e.id, name: e.name,
            primaryMuscles: e.primaryMuscles, secondaryMuscles: e.secondaryMuscles,
            equipment: e.equipment.rawValue,
            level: e.level, mechanic: e.mechanic?.rawValue, force: e.force?.rawValue, category: e.category.rawValue,
            contraindications: Set(e.contraindications.flatMap(Self.sites)))
    }

    /// Body sites named in a knowledge contraindication sentence ("Avoid with acute lower-back pain").
    static func sites(_ sentence: String) -> [String] {
        let text = normalize(sentence)
        let sites = ["lower back", "knee", "shoulder", "elbow", "wrist", "hip", "neck", "ankle"]
        return sites.filter { text.contains($0) || (($0 == "lower back") && text.contains("back")) }
    }

    static func template(_ t: Knowledge.ProgramTemplate) -> Coaching.ProgramTemplate {
        Coaching.ProgramTemplate(
            id: t.id, name: t.name,
            goals: Set(t.goals), levels: Set(t.levels),
            daysPerWeek: t.daysPerWeek...t.daysPerWeek,
            equipment: Set(t.equipment.map(\.rawValue)),
            description: t.summary, dayFocus: t.days.map(\.focus), prescription: prescription(t))
    }

    /// The most common "N sets of R reps" among a template's exercises.
    static func prescription(_ t: Knowledge.ProgramTemplate) -> String? {
        let slots = t.days.flatMap(\.slots).filter { $0.reps.first?.isNumber == true && !$0.reps.contains("s") }
        let counts = Dictionary(grouping: slots) { "\($0.sets) sets of \($0.reps) reps" }.mapValues(\.count)
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }
}
