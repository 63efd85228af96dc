/// Reduces exercise names to a comparable key: lower-case, punctuation and word order ignored,
/// equipment in parentheses folded in, plurals singular, common spellings unified.
///
/// `"Squat (Barbell)"` and `"Barbell Squat"` both become `"barbell squat"`;
/// `"Pull-Ups"`, `"Pull Up"` and `"Pullup"` become `"pull up"`.
enum ExerciseNameNormalizer {
    static func key(_ name: String) -> String {
        tokens(name).sorted().joined(separator: " ")
    }

    /// `"Leg Press (Machine)"` -> `("Leg Press", .machine)`; nil without a trailing parenthesis
    /// naming one piece of equipment.
    static func splitEquipment(_ name: String) -> (base: String, equipment: Equipment)? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") else { return nil }
        let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        let base = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        guard !base.isEmpty, let equipment = Equipment(userInput: String(inside)) else { return nil }
        return (base, equipment)
    }

    static func tokens(_ name: String) -> [String] {
        var s = name.lowercased()
        for (from, to) in [("e-z", "ez"), ("’", ""), ("'", ""), ("1-arm", "single arm"), ("one-arm", "single arm"),
                           ("1 arm", "single arm"), ("one arm", "single arm"), ("single-arm", "single arm"),
                           ("1-leg", "single leg"), ("one-leg", "single leg"), ("single-leg", "single leg")] {
            s = s.replacingOccurrences(of: from, with: to)
        }
        let raw = s.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        var out: [String] = []
        for word in raw {
            for token in expansions[word] ?? [singular(word)] where !filler.contains(token) {
                if !out.contains(token) { out.append(token) }
            }
        }
        return out
    }

    private static func singular(_ w: String) -> String {
        if let fixed = singulars[w] { return fixed }
        if w.count > 4, w.hasSuffix("ches") || w.hasSuffix("shes") || w.hasSuffix("xes") { return String(w.dropLast(2)) }
        if w.count > 3, w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us") { return String(w.dropLast()) }
        return w
    }

    private static let singulars: [String: String] = [
        "biceps": "bicep", "triceps": "tricep", "calves": "calf", "flyes": "fly", "flye": "fly", "flys": "fly",
        "flies": "fly", "dumbbells": "dumbbell", "kettlebells": "kettlebell", "abs": "ab", "press": "press",
        "presses": "press", "raises": "raise", "lunges": "lunge", "dips": "dip", "ups": "up",
    ]

    private static let expansions: [String: [String]] = [
        "pullup": ["pull", "up"], "pullups": ["pull", "up"], "pushup": ["push", "up"], "pushups": ["push", "up"],
        "chinup": ["chin", "up"], "chinups": ["chin", "up"], "situp": ["sit", "up"], "situps": ["sit", "up"],
        "db": ["dumbbell"], "bb": ["barbell"], "kb": ["kettlebell"], "1": ["single"], "one": ["single"],
        "skullcrusher": ["skull", "crusher"], "skullcrushers": ["skull", "crusher"],
        "bodyweight": ["bodyweight"],
    ]

    private static let filler: Set<String> = ["the", "a", "with", "on", "and", "of", "exercise"]
}
