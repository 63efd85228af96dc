import Foundation

/// What one line of a workout says, before the exercise name is matched.
struct LineReading: Sendable, Equatable {
    var name = ""
    var sets: Int?
    var reps: Reps?
    var weight: Double?
    var unit: WeightUnit?
    var rpe: Double?
    var rir: Int?
    var restSeconds: Int?
    var supersetLabel: String?
    var notes: [String] = []
    /// A leading bare count (`10 Burpees`): reps only inside a circuit/EMOM/AMRAP block or
    /// when the rest of the line is a known exercise.
    var leadingCount: Int?

    var hasQuantity: Bool { sets != nil || reps != nil || weight != nil }

    /// At least 3 letters, a word of 3+ letters, and mostly letters: rejects OCR debris.
    var hasPlausibleName: Bool {
        let letters = name.unicodeScalars.filter { CharacterSet.letters.contains($0) }.count
        let visible = name.unicodeScalars.filter { !CharacterSet.whitespaces.contains($0) }.count
        let longWord = name.split(whereSeparator: { !$0.isLetter }).contains { $0.count >= 3 }
        return letters >= 3 && longWord && Double(letters) >= 0.7 * Double(visible)
    }
}
