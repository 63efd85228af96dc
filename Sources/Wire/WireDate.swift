import Foundation
import Vocabulary

/// Dates on the wire: ISO 8601 date-times, written in UTC without fractional seconds
/// (`2025-09-15T07:48:00Z`), read with or without them. Days are `YYYY-MM-DD` strings.
///
/// Read shape (RFC 3339's date-time): `YYYY-MM-DDTHH:MM:SS`, optionally `.` and 1–9 fraction
/// digits, then `Z` or `±HH:MM`; at most 35 characters.
public enum WireDate {
    /// Nil when `text` is not an ISO 8601 date-time of the shape above, or its date is not a real
    /// calendar day (`2025-02-31T…`) within `DateBounds`, or its time or offset is out of range
    /// (hour 0–23, minute and second 0–59; offset hours 0–23).
    ///
    /// Read by arithmetic on the bytes once the shape is checked, not by ICU: a formatter per
    /// request was a tenth of a workout write's CPU, and ICU's parser dies with SIGFPE (killing
    /// the daemon) on a fraction of about 40 digits, which the parser fuzzer found.
    /// `WireDateTests` checks it against `ISO8601DateFormatter` on every kind of input.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8.prefix(36))
        guard hasDateTimeShape(b) else { return nil }
        func number(_ r: Range<Int>) -> Int { r.reduce(0) { $0 * 10 + Int(b[$1] &- 48) } }
        let year = number(0..<4), month = number(5..<7), day = number(8..<10)
        let hour = number(11..<13), minute = number(14..<16), second = number(17..<19)
        guard (DateBounds.firstYear...DateBounds.lastYear).contains(year), (1...12).contains(month),
              (1...daysIn(month: month, year: year)).contains(day), hour <= 23, minute <= 59, second <= 59 else { return nil }
        var i = 19
        var fraction = 0.0
        if b[i] == UInt8(ascii: ".") {
            let start = i + 1
            i = start
            while i < b.count, (48...57).contains(b[i]) { i += 1 }
            fraction = Double(number(start..<i)) / pow(10, Double(i - start))
        }
        var offset = 0
        if b[i] != UInt8(ascii: "Z") {
            let hours = number((i + 1)..<(i + 3)), minutes = number((i + 4)..<(i + 6))
            guard hours <= 23, minutes <= 59 else { return nil }
            offset = (b[i] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        let seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian day (negative before it).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)` by bytes (the day's own rules are `UTCDay`'s).
    static func hasDateTimeShape(_ b: [UInt8]) -> Bool {
        guard (20...35).contains(b.count) else { return false }
        func digits(_ r: Range<Int>) -> Bool { r.upperBound <= b.count && r.allSatisfy { (48...57).contains(b[$0]) } }
        func byte(_ i: Int, _ c: Unicode.Scalar) -> Bool { i < b.count && b[i] == UInt8(ascii: c) }
        guard digits(0..<4), byte(4, "-"), digits(5..<7), byte(7, "-"), digits(8..<10), byte(10, "T"),
              digits(11..<13), byte(13, ":"), digits(14..<16), byte(16, ":"), digits(17..<19) else { return false }
        var i = 19
        if byte(i, ".") {
            let start = i + 1
            i = start
            while digits(i..<(i + 1)) { i += 1 }
            guard (1...9).contains(i - start) else { return false }
        }
        if byte(i, "Z") { return i + 1 == b.count }
        guard byte(i, "+") || byte(i, "-") else { return false }
        return i + 6 == b.count && digits((i + 1)..<(i + 3)) && byte(i + 3, ":") && digits((i + 4)..<(i + 6))
    }

    /// `2025-09-15T07:48:00Z` (UTC, whole seconds).
    public static func format(_ date: Date) -> String { date.formatted(.iso8601) }

    /// Reads dates with `parse` within `DateBounds` (1900–2100); anything else is a data-corrupted error naming the expected shape.
    public static let decodingStrategy = JSONDecoder.DateDecodingStrategy.custom { decoder in
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        if let date = parse(text) {
            guard DateBounds.range.contains(date) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text.prefix(40))' is outside \(DateBounds.firstYear)-01-01…\(DateBounds.lastYear)-12-31")
            }
            return date
        }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text.prefix(40))' is not an ISO 8601 date-time like 2025-09-15T07:48:00Z")
    }

    /// A decoder for the daemon's answers and request bodies (the CLI's and the evals' side).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = decodingStrategy
        return decoder
    }

    /// An encoder as the daemon writes: ISO 8601 dates, sorted keys.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
