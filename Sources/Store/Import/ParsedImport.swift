import Foundation

/// Sessions read from an export file, before they are stored.
struct ParsedImport {
    var workouts: [NewWorkout] = []
    var skipped: [ImportReport.SkippedRow] = []
}

/// Groups rows into sessions (by start time) and exercises (consecutive rows with the same name),
/// keeping the file's order of exercises and sets within a session.
///
/// Linear in the number of rows: each set is appended in place (`sessions[i]` is mutated through
/// its index, never copied out and written back, which would copy the whole session per row).
struct SessionAssembler {
    private var sessions: [NewWorkout] = []
    private var indexByStart: [Date: Int] = [:]
    let source: WorkoutSource

    init(source: WorkoutSource) { self.source = source }

    mutating func add(start: Date, end: Date?, title: String?, notes: String?, exercise: String,
                      exerciseNotes: String?, set: WorkoutSet, startsNewExercise: Bool = false) {
        let i: Int
        if let known = indexByStart[start] {
            i = known
        } else {
            i = sessions.count
            indexByStart[start] = i
            sessions.append(NewWorkout(title: title, startedAt: start, endedAt: end, notes: notes, source: source, exercises: []))
        }
        if startsNewExercise || sessions[i].exercises.last?.name != exercise {
            sessions[i].exercises.append(WorkoutExercise(name: exercise, notes: exerciseNotes, sets: []))
        }
        sessions[i].exercises[sessions[i].exercises.count - 1].sets.append(set)
    }

    /// Sessions, oldest first.
    func workouts() -> [NewWorkout] {
        sessions.sorted { $0.startedAt < $1.startedAt }
    }
}

/// Lenient field parsing shared by the importers.
enum ImportField {
    static func text(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    /// A number, or `nil` for an empty field; throws a reason for garbage.
    static func number(_ s: String, _ column: String) throws -> Double? {
        guard let t = text(s) else { return nil }
        guard let v = Double(t.replacingOccurrences(of: ",", with: ".")), v.isFinite else {
            throw ImportRowError("\(column) '\(t.prefix(40))' is not a number")
        }
        return v
    }

    static func integer(_ s: String, _ column: String) throws -> Int? {
        guard let v = try number(s, column) else { return nil }
        guard v >= 0, v < 100_000 else { throw ImportRowError("\(column) \(v) is out of range") }
        return Int(v.rounded())
    }
}

/// A reason to skip one row (the rest of the file is fine).
struct ImportRowError: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Memoises date parsing: exports repeat a session's start time on every set row, and
/// `DateFormatter` is slow.
struct DateCache {
    private let formatter: DateFormatter
    private var cache: [String: Date?] = [:]

    init(_ formatter: DateFormatter) { self.formatter = formatter }

    /// Export dates are short printable ASCII (`15 Sep 2025, 07:48`, `2024-11-28 17:36:08`);
    /// anything else is not a date and never reaches `DateFormatter`, which traps ("Incorrect
    /// range CFRange") on some non-ASCII text (found by the parser fuzzer, harness `hevy`).
    static let maxDateBytes = 40

    mutating func date(_ text: String) -> Date? {
        guard text.utf8.count <= Self.maxDateBytes, text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) else { return nil }
        if let hit = cache[text] { return hit }
        let parsed = formatter.date(from: text)
        cache[text] = .some(parsed)
        return parsed
    }
}
