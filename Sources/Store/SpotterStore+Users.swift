import Foundation
import GRDB

extension SpotterStore {
    /// Creates or replaces a user's profile. Keeps the original `createdAt` on replace.
    /// Returns the stored profile.
    @discardableResult
    public func saveUser(_ profile: UserProfile) async throws -> UserProfile {
        try profile.validate()
        return try await writer.write { db in
            var stored = profile
            let now = Date()
            let created = try Double.fetchOne(db, sql: "SELECT created_at FROM users WHERE id = ?", arguments: [profile.id])
            stored.createdAt = created.map(Date.init(timeIntervalSince1970:)) ?? now
            stored.updatedAt = now
            try db.execute(sql: """
                INSERT INTO users (id, age, sex, bodyweight_kg, units, experience, goal, days_per_week,
                                   equipment, injuries, preferences, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET
                    age = excluded.age, sex = excluded.sex, bodyweight_kg = excluded.bodyweight_kg,
                    units = excluded.units, experience = excluded.experience, goal = excluded.goal,
                    days_per_week = excluded.days_per_week, equipment = excluded.equipment,
                    injuries = excluded.injuries, preferences = excluded.preferences,
                    updated_at = excluded.updated_at
                """, arguments: [
                    stored.id, stored.age, stored.sex?.rawValue, stored.bodyweightKg, stored.units.rawValue,
                    stored.experience?.profileName, stored.goal?.profileName, stored.daysPerWeek,
                    JSONText.encode(stored.equipment), JSONText.encode(stored.injuries),
                    JSONText.encode(stored.preferences),
                    stored.createdAt.timeIntervalSince1970, stored.updatedAt.timeIntervalSince1970,
                ])
            return try Self.fetchUser(db, id: stored.id) ?? stored
        }
    }

    /// The user's profile, or `nil` if there is no such user.
    public func user(id: String) async throws -> UserProfile? {
        try await writer.read { db in try Self.fetchUser(db, id: id) }
    }

    /// Deletes the user and everything that belongs to them (workouts, sets, check-ins,
    /// conversations, messages, feedback, idempotency keys). Returns `false` if there was no
    /// such user.
    @discardableResult
    public func deleteUser(id: String) async throws -> Bool {
        let deleted = try await writer.write { db in
            try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
        // secure_delete zeroes the rows in the database file; the WAL still holds the old pages
        // until it is checkpointed and truncated.
        if deleted { await truncateWAL() }
        return deleted
    }

    static func fetchUser(_ db: Database, id: String) throws -> UserProfile? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]) else { return nil }
        return UserProfile(
            id: row["id"], age: row["age"],
            sex: (row["sex"] as String?).flatMap(UserProfile.Sex.init(rawValue:)),
            bodyweightKg: row["bodyweight_kg"],
            units: WeightUnit(rawValue: row["units"]) ?? .kg,
            experience: (row["experience"] as String?).flatMap(ExperienceLevel.init(name:)),
            goal: (row["goal"] as String?).flatMap(TrainingGoal.init(name:)),
            daysPerWeek: row["days_per_week"],
            equipment: JSONText.decode(row["equipment"]) ?? [],
            injuries: JSONText.decode(row["injuries"]) ?? [],
            preferences: JSONText.decode(row["preferences"]) ?? [:],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
    }

    static func requireUser(_ db: Database, id: String) throws -> UserProfile {
        guard let user = try fetchUser(db, id: id) else { throw StoreError.userNotFound(id) }
        return user
    }
}

/// JSON text columns (lists and dictionaries of strings), the same in both engines.
package enum JSONText {
    package static func encode<T: Encodable>(_ value: T) -> String {
        let data = (try? JSONEncoder().encode(value)) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    package static func decode<T: Decodable>(_ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
