import Foundation

/// The kinds of equipment a message names ("dumbbell-only", "with a barbell", "kettlebells",
/// "bands", "no equipment"/"bodyweight" → `body only`), in the knowledge base's vocabulary. A kind
/// named to be excluded ("no dumbbells", "without a barbell") is left out. Shared by the session
/// planner's request parser and the chat's equipment limit, so both read a message the same way.
public enum EquipmentMentions {
    public static let forms: [(kind: String, words: [String])] = [
        ("dumbbell", [" dumbbell ", " dumbbells ", " db "]),
        ("barbell", [" barbell ", " barbells "]),
        ("kettlebells", [" kettlebell ", " kettlebells ", " kb "]),
        ("bands", [" band ", " bands ", " resistance band ", " resistance bands "]),
        ("cable", [" cable ", " cables "]),
        ("machine", [" machine ", " machines "]),
        ("body only", [" bodyweight ", " body weight ", " no equipment ", " without equipment ", " calisthenics "]),
    ]

    /// `message` as lowercase words of letters, digits and dots, space-padded (" dumbbell only ").
    public static func padded(_ message: String) -> String {
        let words = message.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "." || $0 == "'") }
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".'")) }.filter { !$0.isEmpty }
        return " " + words.joined(separator: " ") + " "
    }

    /// The kinds named in `text` (already `padded`), or nil when none is.
    public static func kinds(inPadded text: String) -> Set<String>? {
        var found = Set<String>()
        for (kind, words) in forms where words.contains(where: text.contains) {
            let negated = words.contains { f in [" no", " without", " without a", " don't have", " dont have", " don't have a"]
                .contains { text.contains($0 + f) } }
            if !negated || kind == "body only" { found.insert(kind) }
        }
        return found.isEmpty ? nil : found
    }
}
