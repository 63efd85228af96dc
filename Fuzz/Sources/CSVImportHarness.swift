import Foundation
@testable import Store

/// The Hevy and Strong CSV importers (`HevyCSV`, `StrongCSV`, over `CSVReader`), then the
/// validation every parsed session goes through before it is stored.
enum CSVImportHarness {
    static func runHevy(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let parsed = try? HevyCSV.parse(text, timeZone: TimeZone(identifier: "UTC")!) else { return }
        validate(parsed)
    }

    static func runStrong(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let parsed = try? StrongCSV.parse(text, defaultUnit: .lb, timeZone: TimeZone(identifier: "UTC")!) else { return }
        validate(parsed)
    }

    private static func validate(_ parsed: ParsedImport) {
        for workout in parsed.workouts { _ = try? workout.validate() }
    }
}
