import Foundation

/// The dates the daemon accepts from clients and files: 1900-01-01 up to 2100-12-31 (UTC).
/// A workout in year 1 or 9999 is a typo or an attack, never a log; refusing it keeps date
/// arithmetic and the models' windows sane.
public enum DateBounds {
    public static let firstYear = 1900
    public static let lastYear = 2100
    /// 1900-01-01T00:00:00Z …< 2101-01-01T00:00:00Z.
    public static let range: Range<Date> = Date(timeIntervalSince1970: -2_208_988_800)..<Date(timeIntervalSince1970: 4_133_980_800)

    /// Nil when `date` is within `range`; else a sentence naming `field`.
    public static func problem(_ date: Date, field: String) -> String? {
        range.contains(date) ? nil : "\(field) must be between \(firstYear)-01-01 and \(lastYear)-12-31"
    }
}
