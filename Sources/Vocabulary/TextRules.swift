/// The rules for text a client sends: names, ids and titles are one line without control
/// characters; notes may also hold tabs and line breaks. Text is stored exactly as sent or
/// refused with a sentence naming the field: a NUL byte never reaches the database, where it
/// would cut the text short (issue #15).
public enum TextRules {
    /// Longest exercise name, session title, preference key or equipment/injury entry, in characters.
    public static let maxLineLength = 200
    /// Longest notes field (session, exercise, set, check-in) or preference value, in characters.
    public static let maxNotesLength = 4000

    /// Nil when `text` is 1…`maxLength` characters with no control character (U+0000–U+001F,
    /// U+007F–U+009F); else a sentence naming `field`.
    public static func lineProblem(_ text: String, field: String, maxLength: Int = maxLineLength, allowEmpty: Bool = false) -> String? {
        if !allowEmpty, text.allSatisfy(\.isWhitespace) { return "\(field) must not be empty" }
        if let bad = text.unicodeScalars.first(where: isControl) {
            return "\(field) contains the control character U+\(hex(bad)); send printable text"
        }
        if text.count > maxLength { return "\(field) is \(text.count) characters; the limit is \(maxLength)" }
        return nil
    }

    /// Nil when `text` is at most `maxLength` characters whose only control characters are tab,
    /// line feed and carriage return; else a sentence naming `field`.
    public static func notesProblem(_ text: String, field: String, maxLength: Int = maxNotesLength) -> String? {
        if let bad = text.unicodeScalars.first(where: { isControl($0) && !["\t", "\n", "\r"].contains($0) }) {
            return "\(field) contains the control character U+\(hex(bad)); send printable text"
        }
        if text.count > maxLength { return "\(field) is \(text.count) characters; the limit is \(maxLength)" }
        return nil
    }

    /// C0 and C1 control characters and DEL (Unicode general category Cc).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
