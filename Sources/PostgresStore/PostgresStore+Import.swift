import Foundation
import PostgresNIO
import Store

extension PostgresStore {
    /// Imports a Hevy or Strong CSV export in one transaction: every session or none (parsing,
    /// matching and validation are shared with the SQLite store: `PreparedImport`). A session the
    /// user already has (same start time and source) is counted as present, not written — also
    /// when another daemon imports the same file at the same moment (`ON CONFLICT DO NOTHING`).
    /// Cancellation between sessions rolls the transaction back.
    public func importWorkouts(csv: String, format: ImportFormat, user: String,
                               resolver: (any ExerciseNameResolving)? = nil,
                               timeZone: TimeZone = TimeZone(identifier: "UTC")!) async throws -> ImportReport {
        guard let profile = try await self.user(id: user) else { throw StoreError.userNotFound(user) }
        let prepared = try PreparedImport(csv: csv, format: format, units: profile.units, resolver: resolver, timeZone: timeZone)
        let counts = try await write { conn in
            try await Self.requireUser(conn, id: user, logger: logger)
            var sessions = 0, sets = 0, present = 0
            for workout in prepared.workouts {
                try Task.checkCancellation()
                if try await Self.insertWorkout(conn, workout, user: user, logger: logger) == nil {
                    present += 1
                } else {
                    sessions += 1
                    sets += workout.exercises.reduce(0) { $0 + $1.sets.count }
                }
            }
            return [sessions, sets, present]
        }
        return prepared.report(sessions: counts[0], sets: counts[1], present: counts[2])
    }
}
