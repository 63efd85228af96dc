import Store
import Wire

extension UserInput {
    /// The profile to store for `id`, bodyweight converted to kilograms.
    func profile(id: String) -> UserProfile {
        let units = self.units ?? .kg
        return UserProfile(id: id, age: age, sex: sex, bodyweightKg: bodyweight.map(units.toKilograms), units: units,
                           experience: experience, goal: goal, daysPerWeek: daysPerWeek, equipment: equipment ?? [],
                           injuries: injuries ?? [], preferences: preferences ?? [:])
    }
}

extension UserOutput {
    /// A stored profile as the API returns it, bodyweight in the user's units.
    init(_ p: UserProfile) {
        self.init(id: p.id, age: p.age, sex: p.sex, bodyweight: p.bodyweightKg.map { WireRounding.round(p.units.fromKilograms($0)) },
                  units: p.units, experience: p.experience, goal: p.goal, daysPerWeek: p.daysPerWeek, equipment: p.equipment,
                  injuries: p.injuries, preferences: p.preferences, createdAt: p.createdAt, updatedAt: p.updatedAt)
    }
}
