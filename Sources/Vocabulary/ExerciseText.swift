import Foundation

/// The one normalisation for finding exercise names in text (messages, titles, logs):
/// lowercase words of letters and digits separated by single spaces.
public enum ExerciseText {
    /// `"Bench Press (Barbell)"` → `"bench press barbell"`.
    public static func normalize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 128 }) {
            // ASCII fast path (every name in the knowledge base and most logs).
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count)
            for c in text.utf8 {
                let lower = (c >= 65 && c <= 90) ? c + 32 : c
                if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) {
                    out.append(lower)
                } else if let last = out.last, last != 32 {
                    out.append(32)
                }
            }
            if out.last == 32 { out.removeLast() }
            return String(decoding: out, as: UTF8.self)
        }
        let mapped = text.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : " " }
        return String(mapped).split(separator: " ").joined(separator: " ")
    }
}
