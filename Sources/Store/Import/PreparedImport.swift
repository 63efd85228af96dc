import Foundation

/// An export file parsed, matched and validated, ready for one engine to write in one
/// transaction. Shared by both stores so that an import means the same on SQLite and PostgreSQL.
package struct PreparedImport: Sendable {
    package var format: ImportFormat
    /// Sessions, oldest first, each valid.
    package var workouts: [NewWorkout]
    package var skipped: [ImportReport.SkippedRow]
    package var unmatched: [String]
    package var resolverUsed: Bool

    /// Parses `csv` (weights without a unit in the file are in `units`), matches each distinct
    /// exercise name once with `resolver`, and validates every session. A structurally corrupt
    /// file throws `.malformedImport(line:)`; an invalid session throws naming its start time.
    /// Checks for cancellation between stages.
    package init(csv: String, format: ImportFormat, units: WeightUnit, resolver: (any ExerciseNameResolving)?,
                 timeZone: TimeZone) throws {
        var parsed: ParsedImport
        switch format {
        case .hevy: parsed = try HevyCSV.parse(csv, timeZone: timeZone)
        case .strong: parsed = try StrongCSV.parse(csv, defaultUnit: units, timeZone: timeZone)
        }
        try Task.checkCancellation()
        var unmatched = Set<String>()
        if let resolver {
            var cache: [String: ResolvedExerciseName?] = [:]
            for w in parsed.workouts.indices {
                try Task.checkCancellation()
                unmatched.formUnion(parsed.workouts[w].matchExercises(resolver, cache: &cache))
            }
        }
        for workout in parsed.workouts {
            do { try workout.validate() } catch {
                throw StoreError(error.kind, "session starting \(ISO8601DateFormatter().string(from: workout.startedAt)): \(error.message); nothing was imported")
            }
        }
        try Task.checkCancellation()
        self.format = format
        self.workouts = parsed.workouts
        self.skipped = parsed.skipped
        self.unmatched = unmatched.sorted()
        self.resolverUsed = resolver != nil
    }

    /// The report once `sessions` sessions with `sets` sets were written and `present` were
    /// already stored.
    package func report(sessions: Int, sets: Int, present: Int) -> ImportReport {
        ImportReport(format: format, sessionsImported: sessions, setsImported: sets, sessionsAlreadyPresent: present,
                     skippedRows: skipped, unmatchedExercises: unmatched, resolverUsed: resolverUsed)
    }
}
