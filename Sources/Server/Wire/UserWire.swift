import Foundation
import Store

/// `PUT /v1/users/{user}` body. Every field is optional; `bodyweight` is in `units` (default kg).
struct UserInput: Codable, Sendable {
    var age: Int?
    var sex: UserProfile.Sex?
    var bodyweight: Double?
    var units: WeightUnit?
    var experience: ExperienceLevel?
    var goal: TrainingGoal?
    var daysPerWeek: Int?
    var equipment: [String]?
    var injuries: [String]?
    var preferences: [String: String]?

    enum CodingKeys: String, CodingKey {
        case age, sex, bodyweight, units, experience, goal, daysPerWeek = "days_per_week", equipment, injuries, preferences
    }

    func profile(id: String) -> UserProfile {
        let units = self.units ?? .kg
        return UserProfile(id: id, age: age, sex: sex, bodyweightKg: bodyweight.map(units.toKilograms), units: units,
                           experience: experience, goal: goal, daysPerWeek: daysPerWeek, equipment: equipment ?? [],
                           injuries: injuries ?? [], preferences: preferences ?? [:])
    }
}

/// A user's profile as the API returns it (bodyweight in the user's units).
struct UserOutput: Codable, Sendable {
    var id: String
    var age: Int?
    var sex: UserProfile.Sex?
    var bodyweight: Double?
    var units: WeightUnit
    var experience: ExperienceLevel?
    var goal: TrainingGoal?
    var daysPerWeek: Int?
    var equipment: [String]
    var injuries: [String]
    var preferences: [String: String]
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, age, sex, bodyweight, units, experience, goal, daysPerWeek = "days_per_week", equipment, injuries, preferences
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ p: UserProfile) {
        id = p.id; age = p.age; sex = p.sex; units = p.units; experience = p.experience; goal = p.goal
        bodyweight = p.bodyweightKg.map { Wire.round(p.units.fromKilograms($0)) }
        daysPerWeek = p.daysPerWeek; equipment = p.equipment; injuries = p.injuries; preferences = p.preferences
        createdAt = p.createdAt; updatedAt = p.updatedAt
    }
}

enum Wire {
    /// Rounds a converted weight to 0.01 so 100 lb reads back as 100, not 99.99999.
    static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
