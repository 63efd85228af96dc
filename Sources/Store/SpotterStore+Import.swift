import Foundation
import GRDB

extension SpotterStore {
    /// Imports a Hevy or Strong CSV export for `user` in one transaction: every session or none.
    ///
    /// Sessions the user already has from the same source and start time are not written again,
    /// so re-importing a file adds nothing. A structurally corrupt file (unclosed quote, wrong
    /// header, wrong field count) throws `.malformedImport(line:)` and writes nothing; a row with
    /// a bad value is skipped and listed in the report with its line and reason. Weights without
    /// a unit in the file are read in the user's units. Exports carry no time zone: times are
    /// read in `timeZone` (UTC by default). When `resolver` is given each distinct exercise name
    /// is matched once; matches are stored beside the name as written, misses are reported.
    ///
    /// Linear in the file's size. Cancellable: when the calling task is cancelled (the client
    /// went away, or the daemon is shutting down) it throws `CancellationError` between stages
    /// and GRDB interrupts the write transaction, so nothing is stored.
    public func importWorkouts(csv: String, format: ImportFormat, user: String,
                               resolver: (any ExerciseNameResolving)? = nil,
                               timeZone: TimeZone = TimeZone(identifier: "UTC")!) async throws -> ImportReport {
        guard let profile = try await self.user(id: user) else { throw StoreError.userNotFound(user) }
        let prepared = try PreparedImport(csv: csv, format: format, units: profile.units, resolver: resolver, timeZone: timeZone)
        let workouts = prepared.workouts
        let counts = try await writer.write { db -> (sessions: Int, sets: Int, present: Int) in
            _ = try Self.requireUser(db, id: user)
            var sessions = 0, sets = 0, present = 0
            for workout in workouts {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM workout_sessions WHERE user_id = ? AND started_at = ? AND source = ?",
                                     arguments: [user, workout.startedAt.timeIntervalSince1970, workout.source.rawValue]) == true {
                    present += 1
                    continue
                }
                _ = try Self.insertWorkout(db, workout, user: user)
                sessions += 1
                sets += workout.exercises.reduce(0) { $0 + $1.sets.count }
            }
            return (sessions, sets, present)
        }
        return prepared.report(sessions: counts.sessions, sets: counts.sets, present: counts.present)
    }
}
