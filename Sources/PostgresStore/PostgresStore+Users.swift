import Foundation
import PostgresNIO
import Store

extension PostgresStore {
    /// Creates or replaces a user's profile in one statement (`INSERT … ON CONFLICT DO UPDATE`,
    /// which keeps `created_at`); returns it as stored.
    @discardableResult
    public func saveUser(_ profile: UserProfile) async throws -> UserProfile {
        try profile.validate()
        let now = Date().timeIntervalSince1970
        return try await write { conn in
            try await conn.query("""
                INSERT INTO users (id, age, sex, bodyweight_kg, units, experience, goal, days_per_week,
                                   equipment, injuries, preferences, created_at, updated_at)
                VALUES (\(profile.id), \(profile.age), \(profile.sex?.rawValue), \(profile.bodyweightKg), \(profile.units.rawValue),
                        \(profile.experience?.profileName), \(profile.goal?.profileName), \(profile.daysPerWeek),
                        \(JSONText.encode(profile.equipment)), \(JSONText.encode(profile.injuries)),
                        \(JSONText.encode(profile.preferences)), \(now), \(now))
                ON CONFLICT (id) DO UPDATE SET
                    age = excluded.age, sex = excluded.sex, bodyweight_kg = excluded.bodyweight_kg,
                    units = excluded.units, experience = excluded.experience, goal = excluded.goal,
                    days_per_week = excluded.days_per_week, equipment = excluded.equipment,
                    injuries = excluded.injuries, preferences = excluded.preferences,
                    updated_at = excluded.updated_at
                """, logger: logger)
            return try await Self.fetchUser(conn, id: profile.id, logger: logger) ?? profile
        }
    }

    /// One statement, one round trip (every request reads its user first).
    public func user(id: String) async throws -> UserProfile? {
        try await autocommit { conn in try await Self.fetchUser(conn, id: id, logger: logger) }
    }

    /// Deletes the user and everything of theirs (the foreign keys cascade).
    @discardableResult
    public func deleteUser(id: String) async throws -> Bool {
        try await write { conn in
            try await conn.query("DELETE FROM users WHERE id = \(id) RETURNING id", logger: logger).any()
        }
    }

    static func fetchUser(_ conn: PostgresConnection, id: String, logger: Logger) async throws -> UserProfile? {
        let rows = try await conn.query("""
            SELECT id, age, sex, bodyweight_kg, units, experience, goal, days_per_week, equipment, injuries, preferences,
                   created_at, updated_at FROM users WHERE id = \(id)
            """, logger: logger)
        for try await (id, age, sex, bodyweight, units, experience, goal, days, equipment, injuries, preferences, created, updated)
            in rows.decode((String, Int?, String?, Double?, String, String?, String?, Int?, String, String, String, Double, Double).self) {
            return UserProfile(
                id: id, age: age, sex: sex.flatMap(UserProfile.Sex.init(rawValue:)), bodyweightKg: bodyweight,
                units: WeightUnit(rawValue: units) ?? .kg, experience: experience.flatMap(ExperienceLevel.init(name:)),
                goal: goal.flatMap(TrainingGoal.init(name:)), daysPerWeek: days,
                equipment: JSONText.decode(equipment) ?? [], injuries: JSONText.decode(injuries) ?? [],
                preferences: JSONText.decode(preferences) ?? [:],
                createdAt: Date(timeIntervalSince1970: created), updatedAt: Date(timeIntervalSince1970: updated))
        }
        return nil
    }

    /// The user, or `StoreError.userNotFound`. `FOR KEY SHARE` keeps a concurrent delete from
    /// removing them before this transaction commits.
    static func requireUser(_ conn: PostgresConnection, id: String, logger: Logger) async throws {
        guard try await conn.query("SELECT 1 FROM users WHERE id = \(id) FOR KEY SHARE", logger: logger).any() else {
            throw StoreError.userNotFound(id)
        }
    }
}
