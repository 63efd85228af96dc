import Foundation
import Vocabulary

/// A user's training profile. `id` is chosen by the app (any 1–64 characters of
/// `[A-Za-z0-9._-]`). Bodyweight is stored in kilograms; `units` says how the user sees weights.
public struct UserProfile: Sendable, Equatable, Codable {
    /// The shared vocabulary's `Sex` (`male`, `female`, `other`).
    public typealias Sex = Vocabulary.Sex

    public var id: String
    public var age: Int?
    public var sex: Sex?
    public var bodyweightKg: Double?
    public var units: WeightUnit
    /// Stored and on the wire in the profile spelling: `beginner|intermediate|advanced`.
    public var experience: ExperienceLevel?
    /// Stored and on the wire in the profile spelling: `strength|hypertrophy|endurance|fat_loss|general`.
    public var goal: TrainingGoal?
    public var daysPerWeek: Int?
    public var equipment: [String]
    public var injuries: [String]
    /// Free-form preferences, e.g. `["likes": "deadlifts", "session_minutes": "60"]`.
    public var preferences: [String: String]
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, age: Int? = nil, sex: Sex? = nil, bodyweightKg: Double? = nil,
        units: WeightUnit = .kg, experience: ExperienceLevel? = nil, goal: TrainingGoal? = nil,
        daysPerWeek: Int? = nil, equipment: [String] = [], injuries: [String] = [],
        preferences: [String: String] = [:], createdAt: Date = Date(), updatedAt: Date = Date()
    ) {
        self.id = id
        self.age = age
        self.sex = sex
        self.bodyweightKg = bodyweightKg
        self.units = units
        self.experience = experience
        self.goal = goal
        self.daysPerWeek = daysPerWeek
        self.equipment = equipment
        self.injuries = injuries
        self.preferences = preferences
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Checks ranges; throws `StoreError` naming the offending field.
    public func validate() throws(StoreError) {
        try UserProfile.validateID(id)
        if let age, !(5...120).contains(age) { throw .invalid("age", "age \(age) is outside 5–120") }
        if let bodyweightKg, !(20...400).contains(bodyweightKg) {
            throw .invalid("bodyweight", "bodyweight \(bodyweightKg) kg is outside 20–400 kg")
        }
        if let daysPerWeek, !(1...7).contains(daysPerWeek) {
            throw .invalid("days_per_week", "days_per_week \(daysPerWeek) is outside 1–7")
        }
        for (name, list) in [("equipment", equipment), ("injuries", injuries)] {
            if list.count > 100 { throw .invalid(name, "\(name) has \(list.count) entries; the limit is 100") }
            for (i, entry) in list.enumerated() {
                if let problem = TextRules.lineProblem(entry, field: "\(name)[\(i)]") { throw .invalid("\(name)[\(i)]", problem) }
            }
        }
        if preferences.count > 100 { throw .invalid("preferences", "preferences has \(preferences.count) entries; the limit is 100") }
        for (key, value) in preferences.sorted(by: { $0.key < $1.key }) {
            if let problem = TextRules.lineProblem(key, field: "preferences key '\(key.prefix(40))'") { throw .invalid("preferences", problem) }
            if let problem = TextRules.notesProblem(value, field: "preferences.\(key)") { throw .invalid("preferences.\(key)", problem) }
        }
        if let text = preferences["plate_step"] {
            guard let step = Double(text.trimmingCharacters(in: .whitespaces)), step.isFinite, step > 0, step <= Self.maxPlateStep else {
                throw .invalid("preferences.plate_step", "preferences.plate_step '\(text.prefix(40))' must be a number above 0 and at most \(Int(Self.maxPlateStep)) (in the user's units)")
            }
        }
    }

    /// The largest plate step (`preferences.plate_step`, in the user's units) that makes sense.
    public static let maxPlateStep = 50.0

    /// Checks a user id (`UserID`: 1–64 characters of letters, digits, `.`, `_` and `-`).
    public static func validateID(_ id: String) throws(StoreError) {
        if let problem = UserID.problem(id) { throw .invalid("user", problem) }
    }
}
