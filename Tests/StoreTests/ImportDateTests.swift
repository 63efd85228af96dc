import Foundation
import Testing
@testable import Store

/// Dates in imported files that are not short ASCII never reach `DateFormatter` (found by the
/// parser fuzzer, harness `hevy`: a mangled `end_time` made Foundation trap and took the daemon
/// down with the import).
@Suite struct ImportDateTests {
    private let header = #""title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe""#

    /// The `end_time` the fuzzer found: `15`, eight bytes that are not UTF-8, `5, 16:23`.
    private let mangledEndTime = String(decoding: [0x31, 0x35, 0xD6, 0xB2, 0x9E, 0x86, 0xDF, 0xCD, 0xCF, 0xCD] + Array("5, 16:23".utf8), as: UTF8.self)

    @Test func hevy_mangledEndTime_keepsTheSessionWithoutAnEnd() throws {
        let csv = header + "\n" + #""Legs","15 May 2025, 15:04","\#(mangledEndTime)","","Squat (Barbell)",,"",0,"normal",100,5,,0,8"#
        let parsed = try HevyCSV.parse(csv, timeZone: TimeZone(identifier: "UTC")!)
        #expect(parsed.workouts.count == 1)
        #expect(parsed.workouts.first?.endedAt == nil)
    }

    @Test func hevy_mangledStartTime_skipsTheRowNamingTheColumn() throws {
        let csv = header + "\n" + #""Legs","\#(mangledEndTime)","","","Squat (Barbell)",,"",0,"normal",100,5,,0,8"#
        let parsed = try HevyCSV.parse(csv, timeZone: TimeZone(identifier: "UTC")!)
        #expect(parsed.workouts.isEmpty)
        #expect(parsed.skipped.map(\.line) == [2])
        #expect(parsed.skipped.first?.reason.hasPrefix("start_time") == true)
    }

    @Test func strong_nonASCIIDate_skipsTheRow() throws {
        let csv = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
            + "2024-11-28 17:36:08,\"B\",35m,\"Row\",1,10.0,13.0,0,0.0,\n"
            + "\"\(mangledEndTime)\",\"B\",35m,\"Row\",2,10.0,13.0,0,0.0,\n"
        let parsed = try StrongCSV.parse(csv, defaultUnit: .kg, timeZone: TimeZone(identifier: "UTC")!)
        #expect(parsed.workouts.count == 1)
        #expect(parsed.skipped.map(\.line) == [3])
    }
}
