import Foundation

/// Reads a Hevy app CSV export.
///
/// Format (comma-separated, every text field quoted, rows newest first):
/// ```
/// "title","start_time","end_time","description","exercise_title","superset_id","exercise_notes",
/// "set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"
/// "Lower // Ramp // Strength // 1","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","Seated Leg Curl (Machine)",,"",0,"warmup",39,10,,0,6
/// ```
/// - `start_time`/`end_time`: `d MMM yyyy, HH:mm`, no zone: read in `timeZone` (default UTC).
/// - `set_type`: normal | warmup | failure | dropset. `weight_kg` is empty for bodyweight sets.
/// - `rpe` may be empty; `distance_km` becomes meters; `duration_seconds` 0 means none.
/// - Notes contain literal `\n` sequences, kept as written.
/// A row is one set; a session is all rows with the same start time.
enum HevyCSV {
    static let required = ["title", "start_time", "end_time", "exercise_title", "set_index", "set_type", "weight_kg", "reps"]

    static func parse(_ text: String, timeZone: TimeZone) throws(StoreError) -> ParsedImport {
        let records = try CSVReader.parse(text)
        guard let headerRecord = records.first else {
            throw StoreError(.malformedImport(line: 1), "line 1: the file is empty; expected a Hevy CSV export")
        }
        let header = CSVHeader(headerRecord.fields)
        try header.require(required, format: "Hevy")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "d MMM yyyy, HH:mm"

        var dates = DateCache(formatter)
        var result = ParsedImport()
        var sessions = SessionAssembler(source: .hevy)
        for record in records.dropFirst() {
            if Task.isCancelled { break }  // the caller throws CancellationError after parsing
            guard record.fields.count == header.names.count else {
                throw StoreError(.malformedImport(line: record.line), "line \(record.line): expected \(header.names.count) fields, found \(record.fields.count); the CSV file is corrupt and nothing was imported")
            }
            func field(_ name: String) -> String { header.column(name).map { record.fields[$0] } ?? "" }
            do {
                guard let startText = ImportField.text(field("start_time")), let start = dates.date(startText) else {
                    throw ImportRowError("start_time '\(field("start_time").prefix(40))' is not a date like '15 Sep 2025, 07:48'")
                }
                guard let exercise = ImportField.text(field("exercise_title")) else { throw ImportRowError("exercise_title is empty") }
                let typeText = ImportField.text(field("set_type")) ?? "normal"
                guard let type = SetType(rawValue: typeText.lowercased()) else { throw ImportRowError("set_type '\(typeText.prefix(40))' is not normal, warmup, failure or dropset") }
                let end = ImportField.text(field("end_time")).flatMap { dates.date($0) }
                let distanceKm = try ImportField.number(field("distance_km"), "distance_km")
                let duration = try ImportField.number(field("duration_seconds"), "duration_seconds")
                let set = WorkoutSet(
                    type: type, weightKg: try ImportField.number(field("weight_kg"), "weight_kg"),
                    reps: try ImportField.integer(field("reps"), "reps"), rpe: try ImportField.number(field("rpe"), "rpe"),
                    distanceMeters: distanceKm.map { $0 * 1000 }, durationSeconds: (duration ?? 0) > 0 ? duration : nil)
                sessions.add(start: start, end: end, title: ImportField.text(field("title")), notes: ImportField.text(field("description")),
                             exercise: exercise, exerciseNotes: ImportField.text(field("exercise_notes")), set: set,
                             startsNewExercise: field("set_index").trimmingCharacters(in: .whitespaces) == "0")
            } catch let error as ImportRowError {
                result.skipped.append(.init(line: record.line, reason: error.reason))
            } catch {
                result.skipped.append(.init(line: record.line, reason: "\(error)"))
            }
        }
        result.workouts = sessions.workouts()
        return result
    }
}
