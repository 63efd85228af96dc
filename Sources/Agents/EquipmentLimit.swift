import Foundation
import Vocabulary

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
        guard limiting, let kinds = EquipmentMentions.kinds(inPadded: EquipmentMentions.padded(message)) else { return nil }
        let gear = kinds.subtracting(["body only"])
        guard !gear.isEmpty else { return EquipmentLimit(allowed: ["body only", "bands"], described: "body weight") }
        let plural = ["dumbbell": "dumbbells", "barbell": "barbell", "cable": "cables", "machine": "machines"]
        return EquipmentLimit(allowed: gear, described: gear.sorted().map { plural[$0] ?? $0 }.joined(separator: " and "))
    }
}
