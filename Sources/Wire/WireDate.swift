import Foundation
import Vocabulary

/// Dates on the wire: ISO 8601 date-times, written in UTC without fractional seconds
/// (`2025-09-15T07:48:00Z`), read with or without them. Days are `YYYY-MM-DD` strings.
///
/// Read shape (RFC 3339's date-time): `YYYY-MM-DDTHH:MM:SS`, optionally `.` and 1–9 fraction
/// digits, then `Z` or `±HH:MM`; at most 35 characters.
public enum WireDate {
    /// Nil when `text` is not an ISO 8601 date-time of the shape above, or its date is not a real
    /// calendar day (`2025-02-31T…`, which the formatter would roll over into March) within `DateBounds`.
    public static func parse(_ text: String) -> Date? {
        // The shape is checked before ICU sees the text: its parser dies with SIGFPE (killing the
        // daemon) on a fraction of about 40 digits, which the parser fuzzer found.
        guard hasDateTimeShape(text), UTCDay(String(text.prefix(10))) != nil else { return nil }
        let plain = ISO8601DateFormatter()
        if let d = plain.date(from: text) { return d }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)` by bytes (the day's own rules are `UTCDay`'s).
    static func hasDateTimeShape(_ text: String) -> Bool {
        let b = Array(text.utf8.prefix(36))
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

    public static func format(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

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
