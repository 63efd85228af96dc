import Tracker

/// The tracker's workout-text parser (`WorkoutTextParser`), as OCR or a vision model's text
/// reaches it: line by line, with no exercise-name matcher (matching is the knowledge base's).
enum TrackerTextHarness {
    static let parser = WorkoutTextParser(matcher: nil)

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = parser.parse(String(decoding: bytes, as: UTF8.self))
    }
}
