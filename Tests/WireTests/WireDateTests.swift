import Foundation
import Testing
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
}
