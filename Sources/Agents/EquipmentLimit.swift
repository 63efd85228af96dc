import Foundation

/// Equipment a message limits the lifter to ("I only have a pair of dumbbells", "dumbbell-only",
/// "no gym, just bands"), in free-exercise-db's vocabulary. Body weight is always allowed.
public struct EquipmentLimit: Sendable, Equatable {
    public var allowed: Set<String>
    /// "dumbbells", "bands and body weight".
    public var described: String

    /// Whether a program or exercise needing `equipment` can be done: body weight, bands and
    /// small accessories (`other`) are assumed available.
    public func allows(_ equipment: Set<String>) -> Bool {
        equipment.subtracting(["body only", "bands", "other"]).isSubset(of: allowed)
    }

    /// Gym equipment words a reply must not prescribe under this limit.
    public var unavailableWords: [String] {
        [("barbell", "barbell"), ("cable", "cable"), ("machine", "machine"), ("kettlebell", "kettlebells"), ("smith", "machine")]
            .filter { !allowed.contains($0.1) }.map(\.0)
    }

    public static func from(_ message: String) -> EquipmentLimit? {
        let t = " " + message.lowercased() + " "
        let limiting = ["only", "just", "no gym", "at home", "home gym", "-only", "nothing but"].contains(where: t.contains)
        guard limiting else { return nil }
        let kinds: [(words: [String], name: String, described: String)] = [
            (["dumbbell"], "dumbbell", "dumbbells"), (["kettlebell"], "kettlebells", "kettlebells"),
            (["band"], "bands", "bands"), (["barbell"], "barbell", "barbell"), (["cable"], "cable", "cables"),
            (["machine"], "machine", "machines"), (["pull-up bar", "pullup bar"], "other", "pull-up bar"),
        ]
        var allowed = Set<String>(), names: [String] = []
        for k in kinds where k.words.contains(where: t.contains) { allowed.insert(k.name); names.append(k.described) }
        if allowed.isEmpty, t.contains("bodyweight") || t.contains("body weight") || t.contains("no equipment") || t.contains("no gym") {
            return EquipmentLimit(allowed: ["body only", "bands"], described: "body weight")
        }
        return allowed.isEmpty ? nil : EquipmentLimit(allowed: allowed, described: names.joined(separator: " and "))
    }
}
