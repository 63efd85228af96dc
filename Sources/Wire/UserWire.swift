import Foundation
import Vocabulary

/// `PUT /v1/users/{user}` body. Every field is optional; `bodyweight` is in `units` (default kg).
///
/// ```json
/// {"age": 34, "sex": "female", "bodyweight": 61.5, "units": "kg", "experience": "intermediate",
///  "goal": "strength", "days_per_week": 4, "equipment": ["barbell"], "injuries": [], "preferences": {}}
/// ```
public struct UserInput: Codable, Sendable, Equatable {
    public var age: Int?
    public var sex: Sex?
    public var bodyweight: Double?
    public var units: WeightUnit?
    public var experience: ExperienceLevel?
    public var goal: TrainingGoal?
    public var daysPerWeek: Int?
    public var equipment: [String]?
    public var injuries: [String]?
    public var preferences: [String: String]?

    public init(age: Int? = nil, sex: Sex? = nil, bodyweight: Double? = nil, units: WeightUnit? = nil,
                experience: ExperienceLevel? = nil, goal: TrainingGoal? = nil, daysPerWeek: Int? = nil,
                equipment: [String]? = nil, injuries: [String]? = nil, preferences: [String: String]? = nil) {
        self.age = age
        self.sex = sex
        self.bodyweight = bodyweight
        self.units = units
        self.experience = experience
        self.goal = goal
        self.daysPerWeek = daysPerWeek
        self.equipment = equipment
        self.injuries = injuries
        self.preferences = preferences
    }

    enum CodingKeys: String, CodingKey {
        case age, sex, bodyweight, units, experience, goal, daysPerWeek = "days_per_week", equipment, injuries, preferences
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        age = try c.decodeWholeNumberIfPresent(forKey: .age)
        sex = try c.decodeIfPresent(Sex.self, forKey: .sex)
        bodyweight = try c.decodeIfPresent(Double.self, forKey: .bodyweight)
        units = try c.decodeIfPresent(WeightUnit.self, forKey: .units)
        experience = try c.decodeIfPresent(ExperienceLevel.self, forKey: .experience)
        goal = try c.decodeIfPresent(TrainingGoal.self, forKey: .goal)
        daysPerWeek = try c.decodeWholeNumberIfPresent(forKey: .daysPerWeek)
        equipment = try c.decodeIfPresent([String].self, forKey: .equipment)
        injuries = try c.decodeIfPresent([String].self, forKey: .injuries)
        preferences = try c.decodeIfPresent([String: String].self, forKey: .preferences)
    }
}

/// A user's profile as the API returns it (bodyweight in the user's units, rounded to 0.01).
public struct UserOutput: Codable, Sendable, Equatable {
    public var id: String
    public var age: Int?
    public var sex: Sex?
    public var bodyweight: Double?
    public var units: WeightUnit
    public var experience: ExperienceLevel?
    public var goal: TrainingGoal?
    public var daysPerWeek: Int?
    public var equipment: [String]
    public var injuries: [String]
    public var preferences: [String: String]
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, age: Int? = nil, sex: Sex? = nil, bodyweight: Double? = nil, units: WeightUnit,
                experience: ExperienceLevel? = nil, goal: TrainingGoal? = nil, daysPerWeek: Int? = nil,
                equipment: [String] = [], injuries: [String] = [], preferences: [String: String] = [:],
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.age = age
        self.sex = sex
        self.bodyweight = bodyweight
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

    enum CodingKeys: String, CodingKey {
        case id, age, sex, bodyweight, units, experience, goal, daysPerWeek = "days_per_week", equipment, injuries, preferences
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}
