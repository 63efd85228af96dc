import Vocabulary

extension CheckIn {
    /// Checks ranges and notes (the day is a valid `UTCDay`, 1900–2100, by construction); throws `StoreError` naming
    /// the offending field.
    public func validate() throws(StoreError) {
        if let sleepHours, !(sleepHours >= 0 && sleepHours <= 24) { throw .invalid("sleep_hours", "sleep_hours \(sleepHours) is outside 0–24") }
        for (name, value) in [("soreness", soreness), ("energy", energy), ("stress", stress)] {
            if let value, !(0...10).contains(value) { throw .invalid(name, "\(name) \(value) is outside 0–10") }
        }
        if let notes, let problem = TextRules.notesProblem(notes, field: "notes") { throw .invalid("notes", problem) }
    }
}
