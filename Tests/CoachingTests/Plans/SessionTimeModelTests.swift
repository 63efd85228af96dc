import Foundation
import Knowledge
import SpotterApp
import SpotterTestSupport
import Testing
@testable import Coaching

/// The planner's time model (`SessionPlanner.estimatedSeconds` + the warm-up) against real logged
/// session durations — Hevy (start and end times) and Strong (`Duration`) exports — beside the
/// trivial baseline: every session lasts the median duration of the first half of the log. The
/// model's constants (4 s a rep, 20 s set-up, rests by mechanic, 90 s changeover, 5 min warm-up)
/// were set before looking at these logs; nothing is fitted. Figures on the second half of each log.
@Suite struct SessionTimeModelTests {
    struct LoggedSession { var start: Date; var minutes: Double; var exercises: [(name: String, reps: [Int])] }

    static let catalog = CoachingCatalog(knowledgeBase: try! KnowledgeBase.load(directory: repositoryRoot().appendingPathComponent("knowledge")))

    /// The model's estimate for a logged session, with the general-fitness rests (the exports have no goal).
    static func estimate(_ s: LoggedSession) -> Double {
        5 + s.exercises.reduce(0) { total, e in
            let compound = catalog.id(forName: e.name).flatMap(catalog.exercise(id:))?.mechanic == "compound"
            return total + SessionPlanner.estimatedSeconds(reps: e.reps, restSeconds: SessionPlanner.rest(compound: compound, goal: .generalFitness)) / 60
        }
    }

    /// Mean absolute error of the model and of the median baseline on the second half.
    static func errors(_ sessions: [LoggedSession]) -> (model: Double, baseline: Double, n: Int) {
        let sorted = sessions.sorted { $0.start < $1.start }
        let half = sorted.count / 2
        let first = sorted[..<half].map(\.minutes).sorted()
        let median = first[first.count / 2]
        let test = sorted[half...]
        let model = test.reduce(0) { $0 + abs(estimate($1) - $1.minutes) } / Double(test.count)
        let baseline = test.reduce(0) { $0 + abs(median - $1.minutes) } / Double(test.count)
        return (model, baseline, test.count)
    }

    static func hevy() throws -> [LoggedSession] {
        let rows = HevyTestReader.parseCSV(try String(contentsOf: sharedData("logs/hevy_export_sample.csv"), encoding: .utf8))
        let h = rows[0]
        func col(_ n: String) -> Int { h.firstIndex(of: n)! }
        let (cStart, cEnd, cEx, cReps) = (col("start_time"), col("end_time"), col("exercise_title"), col("reps"))
        let fmt = DateFormatter()
        fmt.locale = Locale(identifier: "en_US_POSIX"); fmt.timeZone = TimeZone(identifier: "UTC"); fmt.dateFormat = "dd MMM yyyy, HH:mm"
        return group(rows.dropFirst().filter { $0.count >= h.count }, key: { $0[cStart] }) { r in
            guard let start = fmt.date(from: r[0][cStart]), let end = fmt.date(from: r[0][cEnd]) else { return nil }
            return (start, end.timeIntervalSince(start) / 60)
        } exercise: { ($0[cEx], Int($0[cReps]) ?? 0) }
    }

    static func strong() throws -> [LoggedSession] {
        let rows = HevyTestReader.parseCSV(try String(contentsOf: sharedData("logs/strong_export_sample.csv"), encoding: .utf8))
        let h = rows[0]
        func col(_ n: String) -> Int { h.firstIndex(of: n)! }
        let (cDate, cDuration, cEx, cReps) = (col("Date"), col("Duration"), col("Exercise Name"), col("Reps"))
        let fmt = DateFormatter()
        fmt.locale = Locale(identifier: "en_US_POSIX"); fmt.timeZone = TimeZone(identifier: "UTC"); fmt.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return group(rows.dropFirst().filter { $0.count >= h.count }, key: { $0[cDate] }) { r in
            guard let start = fmt.date(from: r[0][cDate]) else { return nil }
            var minutes = 0.0   // "1h 5m", "35m"
            for part in r[0][cDuration].split(separator: " ") {
                if part.hasSuffix("h"), let v = Double(part.dropLast()) { minutes += 60 * v }
                if part.hasSuffix("m"), let v = Double(part.dropLast()) { minutes += v }
            }
            return (start, minutes)
        } exercise: { ($0[cEx], Int(Double($0[cReps]) ?? 0)) }
    }

    /// Rows grouped into sessions by `key`, exercises in first-seen order; sessions with no
    /// duration (or over 4 h: a timer left running) are left out.
    static func group(_ rows: [[String]], key: ([String]) -> String, session: ([[String]]) -> (Date, Double)?,
                      exercise: ([String]) -> (String, Int)) -> [LoggedSession] {
        var order: [String] = [], byKey: [String: [[String]]] = [:]
        for r in rows { let k = key(r); if byKey[k] == nil { order.append(k) }; byKey[k, default: []].append(r) }
        return order.compactMap { k in
            let rs = byKey[k]!
            guard let (start, minutes) = session(rs), minutes > 0, minutes <= 240 else { return nil }
            var names: [String] = [], reps: [String: [Int]] = [:]
            for r in rs { let (n, x) = exercise(r); if reps[n] == nil { names.append(n) }; reps[n, default: []].append(x) }
            return LoggedSession(start: start, minutes: minutes, exercises: names.map { ($0, reps[$0]!) })
        }
    }

    @Test func timeModel_onRealLogs_beatsTheMedianDurationBaseline() throws {
        for (name, sessions) in [("hevy", try Self.hevy()), ("strong", try Self.strong())] {
            #expect(sessions.count >= 10, "\(name): \(sessions.count) sessions")
            let e = Self.errors(sessions)
            print("session time model, \(name) second half (\(e.n) sessions): MAE model \(String(format: "%.1f", e.model)) min, "
                + "median baseline \(String(format: "%.1f", e.baseline)) min")
            #expect(e.model < e.baseline, "\(name): model \(e.model) vs baseline \(e.baseline)")
        }
    }
}
