/// The plan in plain words, for a grounded lead or a prompt's context block:
/// "45-minute session: 1. Barbell Squat 4 × 8–12 at 105 kg; 2. Goblet Squat 3 × 8–12 (a load you
/// could lift 3 more times); … Rest 2 min between sets of compounds."
extension SessionPlan {
    public var summary: String {
        func fmt(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
        guard !exercises.isEmpty else { return notes.first ?? "No session fits these constraints." }
        let items = exercises.enumerated().map { i, e -> String in
            let reps = e.reps.min == e.reps.max ? "\(e.reps.min)" : "\(e.reps.min)–\(e.reps.max)"
            let load = e.load.map { " at \(fmt($0)) \(unit)" } ?? (e.targetRPE != nil ? " (a load you could lift 3 more times)" : "")
            return "\(i + 1). \(e.name) \(e.sets) × \(reps)\(load)"
        }
        let rests = Set(exercises.map(\.restSeconds)).sorted()
        let rest = rests.count == 1 ? "Rest \(Self.duration(rests[0])) between sets."
                                    : "Rest \(Self.duration(rests.first!))–\(Self.duration(rests.last!)) between sets."
        return "\(minutes)-minute session: " + items.joined(separator: "; ") + ". " + rest
    }

    static func duration(_ seconds: Int) -> String {
        seconds % 60 == 0 ? "\(seconds / 60) min" : "\(seconds) s"
    }
}
