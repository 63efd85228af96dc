import Foundation
@testable import Coaching

/// A minimal reader of Hevy's CSV export, for tests only (the product's importer belongs to Store).
///
/// Columns used: title, start_time ("15 Sep 2025, 07:48"), exercise_title, set_index, set_type
/// (normal|warmup|failure|dropset), weight_kg (empty for bodyweight), reps, rpe (may be empty).
/// Rows run newest first; quoted fields may hold commas and doubled quotes.
enum HevyTestReader {
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" || c == "\r" {
                if c == "\r", chars.first == "\n" { chars.removeFirst() }
                row.append(field); field = ""
                if row.count > 1 { rows.append(row) }
                row = []
            } else { field.unicodeScalars.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// Lower-body lifts get quadriceps as their muscle (only used for the size of load jumps).
    static func muscles(_ name: String) -> [Muscle] {
        let n = name.lowercased()
        for k in ["squat", "leg press", "deadlift", "lunge", "leg extension", "leg curl", "calf", "hip thrust", "split squat"]
        where n.contains(k) { return [.quadriceps] }
        return []
    }

    static func sessions(at url: URL) throws -> [WorkoutSession] {
        let rows = parseCSV(try String(contentsOf: url, encoding: .utf8))
        let header = rows[0]
        func col(_ n: String) -> Int { header.firstIndex(of: n)! }
        let (cTitle, cStart, cEx, cType, cKg, cReps, cRPE) =
            (col("title"), col("start_time"), col("exercise_title"), col("set_type"), col("weight_kg"), col("reps"), col("rpe"))
        let fmt = DateFormatter()
        fmt.locale = Locale(identifier: "en_US_POSIX"); fmt.timeZone = TimeZone(identifier: "UTC")
        fmt.dateFormat = "dd MMM yyyy, HH:mm"
        var order: [String] = []
        var byKey: [String: (Date, String, [String], [String: [LoggedSet]])] = [:]
        for r in rows.dropFirst() where r.count >= header.count {
            let key = r[cTitle] + "|" + r[cStart]
            guard let date = fmt.date(from: r[cStart]) else { continue }
            if byKey[key] == nil { order.append(key); byKey[key] = (date, r[cTitle], [], [:]) }
            let ex = r[cEx]
            if byKey[key]!.3[ex] == nil { byKey[key]!.2.append(ex) }
            let set = LoggedSet(weightKg: Double(r[cKg]), reps: Int(r[cReps]) ?? 0, rpe: Double(r[cRPE]),
                                type: SetType(rawValue: r[cType]) ?? .normal)
            byKey[key]!.3[ex, default: []].append(set)
        }
        return order.map { key in
            let (date, title, exercises, sets) = byKey[key]!
            return WorkoutSession(date: date, title: title, exercises: exercises.map {
                ExercisePerformance(exerciseId: $0, name: $0, primaryMuscles: muscles($0), sets: sets[$0]!)
            })
        }.sorted { $0.date < $1.date }
    }
}
