import Foundation
import Vocabulary

/// Dates on the wire: ISO 8601 date-times, written in UTC without fractional seconds
/// (`2025-09-15T07:48:00Z`), read with or without them. Days are `YYYY-MM-DD` strings.
public enum WireDate {
    /// Nil when `text` is not an ISO 8601 date-time, or its date is not a real calendar day
    /// (`2025-02-31T…`, which the formatter would roll over into March) within `DateBounds`.
    public static func parse(_ text: String) -> Date? {
        guard UTCDay(String(text.prefix(10))) != nil else { return nil }
        let plain = ISO8601DateFormatter()
        if let d = plain.date(from: text) { return d }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
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
