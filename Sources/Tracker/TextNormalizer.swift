import Foundation

/// Line clean-up before parsing: typography, OCR look-alikes, list markers, dates and times.
enum TextNormalizer {
    static let listMarker = TextPattern(#"^\s*(?:[-–—•*·▪►>o]\s+|\(?\d{1,2}[.)]\s+|\[\s?[x ]?\s?\]\s*)"#)
    /// `A1.`, `B2)`; OCR often reads the 1 as l, I or | ("Al. Dumbbell Press").
    static let supersetLabel = TextPattern(#"^\s*([a-h])\s?([1-9]|[lI|!](?=[.):]))\s*[.):-]?\s+"#)
    static let date = TextPattern(#"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"#)
    static let clock = TextPattern(#"\b\d{1,2}:\d{2}\s*(?:am|pm)?\b"#)
    static let percent = TextPattern(#"\b\d{1,3}\s*%"#)
    static let month = TextPattern(#"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"#)
    /// OCR reads "lbs" as "Ibs" / "1bs", and "x" between numbers in many ways.
    static let ocrPounds = TextPattern(#"(?<=\d|\s)[I1l|]bs?\b"#)
    static let ocrKilograms = TextPattern(#"(?<=\d)(\s?)k[q9]\b"#)
    static let times = TextPattern(#"(?<=\d)\s*[×X✕✖*]\s*(?=\d)"#)

    static func normalize(_ raw: String) -> String {
        var s = raw.replacingOccurrences(of: "\t", with: " ")
        s = times.replacingAll(in: s, with: "x")
        s = ocrPounds.replacingAll(in: s, with: "lbs")
        s = ocrKilograms.replacingAll(in: s, with: "$1kg")
        for (from, to) in [("–", "-"), ("—", "-"), ("’", "'"), ("‘", "'"), ("“", "\""), ("”", "\"")] {
            s = s.replacingOccurrences(of: from, with: to)
        }
        // Rest clock times ("rest 1:30") are kept; other clock times are screen furniture.
        if !LineReader.rest.matches(s) { s = clock.replacingAll(in: s, with: " ") }
        s = date.replacingAll(in: s, with: " ")
        s = month.replacingAll(in: s, with: " ")
        s = percent.replacingAll(in: s, with: " ")
        s = listMarker.replacingAll(in: s, with: "")
        return s.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
            .trimmingCharacters(in: .whitespaces)
    }

    /// The line as a heading: list marker and trailing colon removed, dashes kept.
    static func headingText(_ raw: String) -> String {
        var s = clock.replacingAll(in: raw, with: " ")
        s = percent.replacingAll(in: s, with: " ")
        s = listMarker.replacingAll(in: s, with: "")
        s = s.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        return s.trimmingCharacters(in: CharacterSet(charactersIn: " :-*#=|"))
    }
}
