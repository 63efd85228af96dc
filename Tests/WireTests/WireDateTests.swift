import Foundation
import Testing
import Vocabulary
import Wire

/// `WireDate.parse` checks the shape of a date-time before ICU reads it (found by the parser
/// fuzzer, harness `workout`: a `started_at` with a 40-digit fraction killed the daemon with SIGFPE).
@Suite struct WireDateTests {
    @Test func parse_fractionOfFortyDigits_isRejectedWithoutCrashing() {
        #expect(WireDate.parse("2025-09-16T06:30:00.\(String(repeating: "4", count: 40))Z") == nil)
    }

    @Test func workoutInput_withAFortyDigitFraction_failsToDecodeNamingTheField() {
        let body = #"{"started_at": "2025-09-16T06:30:00.\#(String(repeating: "4", count: 40))50Z", "exercises": []}"#
        #expect {
            try WireDate.decoder().decode(WorkoutInput.self, from: Data(body.utf8))
        } throws: { error in
            guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
            return context.codingPath.map(\.stringValue) == ["started_at"]
        }
    }

    @Test func parse_readsUpToNineFractionDigitsAndOffsets() {
        #expect(WireDate.parse("2025-09-15T07:48:00Z") == Date(timeIntervalSince1970: 1_757_922_480))
        #expect(WireDate.parse("2025-09-15T07:48:00.5Z") == Date(timeIntervalSince1970: 1_757_922_480.5))
        #expect(WireDate.parse("2025-09-15T07:48:00.123456789Z") != nil)
        #expect(WireDate.parse("2025-09-15T09:48:00+02:00") == Date(timeIntervalSince1970: 1_757_922_480))
        #expect(WireDate.parse("2025-09-15T05:48:00.250-02:00") == Date(timeIntervalSince1970: 1_757_922_480.25))
    }

    @Test(arguments: ["2025-09-15T07:48:00.1234567890Z", "2025-09-15T07:48Z", "2025-09-15 07:48:00Z", "2025-09-15T07:48:00",
                      "2025-09-15T07:48:00.Z", " 2025-09-15T07:48:00Z", "2025-09-15T07:48:00Z ", "2025-09-15T07:48:00+0200",
                      "2025-09-15T07:48:00+02:00:00", "２０２５-09-15T07:48:00Z", ""])
    func parse_otherShapes_areRejected(text: String) {
        #expect(WireDate.parse(text) == nil)
    }

    /// The arithmetic reader against Foundation's ISO 8601 formatter (the reference) on date-times
    /// spread over 1900–2100, with and without fractions and offsets; fractions within 1 ms (the
    /// formatter keeps milliseconds), whole seconds exactly.
    @Test func parse_agreesWithISO8601DateFormatter() {
        var rng = SystemRandomNumberGenerator()
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for n in 0..<2000 {
            let when = Date(timeIntervalSince1970: Double.random(in: -2_208_902_400 ... 4_102_358_400, using: &rng).rounded(.down))
            var text = plain.string(from: when)
            let hasFraction = n % 3 == 1
            if hasFraction { text.insert(contentsOf: "." + String(Int.random(in: 0..<1000, using: &rng)).leftPadded(3), at: text.index(text.startIndex, offsetBy: 19)) }
            if n % 2 == 1 {
                let sign = Bool.random(using: &rng) ? "+" : "-"
                text = String(text.dropLast()) + sign + String(Int.random(in: 0...14, using: &rng)).leftPadded(2) + ":" + ["00", "30", "45"].randomElement(using: &rng)!
            }
            let reference = hasFraction ? fractional.date(from: text) : plain.date(from: text)
            guard let reference, DateBounds.range.contains(reference) else { continue }
            let ours = WireDate.parse(text)
            #expect(ours != nil, "\(text)")
            if let ours { #expect(abs(ours.timeIntervalSince(reference)) <= (hasFraction ? 0.001 : 0), "\(text)") }
        }
    }

    @Test(arguments: ["2025-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-04-31T00:00:00Z", "2024-01-01T24:00:00Z",
                      "2024-01-01T23:60:00Z", "2024-01-01T23:59:60Z", "2024-01-01T23:59:00+24:00", "1899-12-31T23:59:59Z"])
    func parse_impossibleDaysTimesAndOffsets_areRejected(text: String) {
        #expect(WireDate.parse(text) == nil)
    }

    @Test func parse_leapDayAndEpochEdges() {
        #expect(WireDate.parse("2024-02-29T12:00:00Z") == Date(timeIntervalSince1970: 1_709_208_000))
        #expect(WireDate.parse("2000-02-29T00:00:00Z") == Date(timeIntervalSince1970: 951_782_400))
        #expect(WireDate.parse("1969-12-31T23:59:59Z") == Date(timeIntervalSince1970: -1))
        #expect(WireDate.parse("1900-01-01T00:00:00Z") == Date(timeIntervalSince1970: -2_208_988_800))
    }

    @Test func format_matchesISO8601DateFormatter() {
        for t in [0.0, 1_757_922_480, 1_757_922_480.75, -2_208_988_800, 4_102_444_799] {
            let date = Date(timeIntervalSince1970: t)
            #expect(WireDate.format(date) == ISO8601DateFormatter().string(from: date))
        }
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
