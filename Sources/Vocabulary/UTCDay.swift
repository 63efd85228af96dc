import Foundation

/// A calendar day in UTC, spelled `YYYY-MM-DD` (check-ins, the next-workout window, session
/// dates in the prompt). Days are compared and stored as that string; `start` is its midnight UTC.
public struct UTCDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// `YYYY-MM-DD`.
    public let text: String

    /// The day `date` falls on in UTC.
    public init(_ date: Date) {
        let c = Self.calendar.dateComponents([.year, .month, .day], from: date)
        text = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// Parses `YYYY-MM-DD`; nil when it is not a real calendar day (`2025-02-31`) or lies outside
    /// `DateBounds` (years 1900–2100).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (DateBounds.firstYear...DateBounds.lastYear).contains(y),
              let date = Self.calendar.date(from: DateComponents(year: y, month: m, day: d)),
              UTCDay(date).text == text else { return nil }
        self.text = text
    }

    /// Midnight UTC at the start of the day.
    public var start: Date {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        return Self.calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
    }

    public var description: String { text }
    public static func < (a: UTCDay, b: UTCDay) -> Bool { a.text < b.text }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let raw = try c.decode(String.self)
        guard let day = UTCDay(raw) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(raw.prefix(40))' is not a calendar day like 2025-11-23 between \(DateBounds.firstYear) and \(DateBounds.lastYear)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    /// The Gregorian calendar in UTC.
    public static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}
