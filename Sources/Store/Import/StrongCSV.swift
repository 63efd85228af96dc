import Foundation

/// Reads a Strong app CSV export, in either of its two variants.
///
/// Classic (comma-separated; weights in the user's unit, which the file does not state):
/// ```
/// Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE
/// 2024-11-28 17:36:08,"B",35m,"Bent Over Row (Barbell)",1,10.0,13.0,0,0.0,
/// ```
/// Newer (semicolon-separated, every field quoted, unit in the weight header):
/// ```
/// "Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"
/// ```
/// - `Date`: `yyyy-MM-dd HH:mm:ss`, no zone: read in `timeZone` (default UTC). A session is all
///   rows with the same date. `Duration` is `1h 5m` / `35m` (classic) or seconds (newer).
/// - `Weight (kg)` / `Weight (lbs)` give the unit; plain `Weight` is in `defaultUnit` (the user's).
/// - `Set Order`: a number is a normal set; `W…` warm-up, `D…` drop set, `F…` failure;
///   `Rest Timer` rows carry no set and are skipped with that reason.
/// - `Distance` is meters in the newer format; in the classic one it is in the app's distance
///   unit and only kept when non-zero. `Seconds` 0 means none. RPE may be empty.
enum StrongCSV {
    static func parse(_ text: String, defaultUnit: WeightUnit, timeZone: TimeZone) throws(StoreError) -> ParsedImport {
        let firstLine = text.prefix { $0 != "\n" }
        let semicolon = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count
        let records = try CSVReader.parse(text, separator: UInt8(ascii: semicolon ? ";" : ","))
        guard let headerRecord = records.first else {
            throw StoreError(.malformedImport(line: 1), "line 1: the file is empty; expected a Strong CSV export")
        }
        let header = CSVHeader(headerRecord.fields)
        try header.require(["Date", "Exercise Name", "Set Order", "Reps"], format: "Strong")
        let weightColumn: (name: String, unit: WeightUnit)
        if header.column("Weight (kg)") != nil { weightColumn = ("Weight (kg)", .kg) }
        else if header.column("Weight (lbs)") != nil { weightColumn = ("Weight (lbs)", .lb) }
        else if header.column("Weight (lb)") != nil { weightColumn = ("Weight (lb)", .lb) }
        else if header.column("Weight") != nil { weightColumn = ("Weight", defaultUnit) }
        else {
            throw StoreError(.malformedImport(line: 1), "line 1: this is not a Strong export: the header has no 'Weight', 'Weight (kg)' or 'Weight (lbs)' column; nothing was imported")
        }
        let distanceInMeters = header.column("Distance (meters)") != nil
        let distanceColumn = distanceInMeters ? "Distance (meters)" : "Distance"
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"

        var dates = DateCache(formatter)
        var result = ParsedImport()
        var sessions = SessionAssembler(source: .strong)
        for record in records.dropFirst() {
            if Task.isCancelled { break }  // the caller throws CancellationError after parsing
            guard record.fields.count == header.names.count else {
                throw StoreError(.malformedImport(line: record.line), "line \(record.line): expected \(header.names.count) fields, found \(record.fields.count); the CSV file is corrupt and nothing was imported")
            }
            func field(_ name: String) -> String { header.column(name).map { record.fields[$0] } ?? "" }
            do {
                guard let dateText = ImportField.text(field("Date")), let start = dates.date(dateText) else {
                    throw ImportRowError("Date '\(field("Date").prefix(40))' is not a date like '2024-11-28 17:36:08'")
                }
                let order = ImportField.text(field("Set Order")) ?? ""
                let type: SetType
                switch order.uppercased().first {
                case let c? where c.isNumber: type = .normal
                case "W": type = .warmup
                case "D": type = .dropset
                case "F": type = .failure
                default:
                    if order.lowercased().hasPrefix("rest") { throw ImportRowError("rest timer row, not a set") }
                    throw ImportRowError("Set Order '\(order.prefix(40))' is not a set number, W, D or F")
                }
                guard let exercise = ImportField.text(field("Exercise Name")) else { throw ImportRowError("Exercise Name is empty") }
                let end = try Self.duration(field("Duration (sec)").isEmpty ? field("Duration") : field("Duration (sec)"))
                    .map { start.addingTimeInterval($0) }
                let distance = try ImportField.number(field(distanceColumn), distanceColumn)
                let seconds = try ImportField.number(field("Seconds"), "Seconds")
                let set = WorkoutSet(
                    type: type, weightKg: try ImportField.number(field(weightColumn.name), weightColumn.name).map(weightColumn.unit.toKilograms),
                    reps: try ImportField.integer(field("Reps"), "Reps"), rpe: try ImportField.number(field("RPE"), "RPE"),
                    distanceMeters: (distance ?? 0) > 0 ? distance : nil,
                    durationSeconds: (seconds ?? 0) > 0 ? seconds : nil, notes: ImportField.text(field("Notes")))
                sessions.add(start: start, end: end, title: ImportField.text(field("Workout Name")),
                             notes: ImportField.text(field("Workout Notes")), exercise: exercise, exerciseNotes: nil, set: set)
            } catch let error as ImportRowError {
                result.skipped.append(.init(line: record.line, reason: error.reason))
            } catch {
                result.skipped.append(.init(line: record.line, reason: "\(error)"))
            }
        }
        result.workouts = sessions.workouts()
        return result
    }

    /// `1h 5m`, `35m`, `45s` or plain seconds; `nil` when empty.
    static func duration(_ text: String) throws -> Double? {
        guard let t = ImportField.text(text) else { return nil }
        if let seconds = Double(t) { return seconds > 0 ? seconds : nil }
        var total = 0.0
        for part in t.split(separator: " ") {
            guard let unit = part.last, let value = Double(part.dropLast()) else { throw ImportRowError("Duration '\(t.prefix(40))' is not like '1h 5m'") }
            switch unit {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            default: throw ImportRowError("Duration '\(t.prefix(40))' is not like '1h 5m'")
            }
        }
        return total
    }
}
