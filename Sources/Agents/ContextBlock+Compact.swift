import Foundation

/// The compact profile's context block: only what the message is about, a few hundred tokens.
///
/// ```text
/// <context>
/// Facts (trust these numbers):
/// - Bench Press: next top set 190 lb × 5 (increase).
/// - Recovery looks adequate (last sleep 8 h, soreness 2/10); normal progression applies.
/// Last check-in (2026-11-22): sleep 8 h, soreness 2/10
/// Bench Press, last sessions: 2026-11-20 185 lb x5, 185 lb x5 @RPE 7; 2026-11-16 ...
/// </context>
/// ```
///
/// Facts are the grounding's (already chosen for the message by the provider), newest decision
/// first; the check-in is shown when the message is about training now, a load or a plan; the
/// profile's equipment, injuries and goal when it asks for a plan; logged sets only for the
/// exercises the facts are about (the last two sessions of each); session titles and dates for
/// consistency and motivation questions. Knowledge passages follow when the agent retrieves any.
extension ContextBlock {
    static func renderCompact(agent: AgentDefinition, intent: MessageIntent, context: UserContext, facts: [GroundingFact],
                              passages: [Passage], budget: Int) -> (String, [Passage]) {
        var lines: [String] = []
        var used = TokenEstimate.of("<context>\n</context>")
        func add(_ line: String) -> Bool {
            let cost = TokenEstimate.of(line) + 1
            guard used + cost <= budget else { return false }
            used += cost
            lines.append(line)
            return true
        }
        let units = context.profile?.units ?? "kg"
        if agent.tools.contains(.grounding), !facts.isEmpty {
            _ = add("Facts (trust these numbers):")
            for fact in facts where !add("- " + fact.text) { break }
        }
        let aboutNow = !intent.isDisjoint(with: [.readiness, .load, .plan, .pain])
        if agent.tools.contains(.checkin), let checkIn = context.lastCheckIn, aboutNow || intent.isEmpty {
            _ = add(describe(checkIn))
        }
        if agent.tools.contains(.profile), let p = context.profile, intent.contains(.plan) {
            var parts: [String] = []
            if let g = p.goal { parts.append("goal \(g)") }
            if let e = p.experience { parts.append(e) }
            if let d = p.daysPerWeek { parts.append("\(d) days/week") }
            if !p.equipment.isEmpty { parts.append("equipment: " + p.equipment.joined(separator: ", ")) }
            parts.append("injuries: " + (p.injuries.isEmpty ? "none" : p.injuries.joined(separator: ", ")))
            _ = add("Profile: " + parts.joined(separator: ", "))
        }
        if agent.tools.contains(.history) {
            let subjects = Set(facts.filter { ["overload", "progress"].contains($0.kind) }.map { $0.subject.lowercased() })
            for subject in subjects.sorted() {
                let logged = context.recentSessions.compactMap { s -> String? in
                    guard let e = s.exercises.first(where: { $0.name.lowercased() == subject }) else { return nil }
                    let sets = e.sets.map { "\(number($0.weight)) \(units) x\($0.reps)" + ($0.rpe.map { " @RPE \(number($0))" } ?? "") }
                    return "\(s.date) " + sets.joined(separator: ", ")
                }.prefix(2)
                if !logged.isEmpty { _ = add("\(logged.count == 1 ? "Last session" : "Last sessions") of \(subject): " + logged.joined(separator: "; ")) }
            }
            if !intent.isDisjoint(with: [.consistency, .motivation]), !context.recentSessions.isEmpty {
                _ = add("Recent sessions: " + context.recentSessions.prefix(5).map { "\($0.date) \($0.title)" }.joined(separator: "; "))
            }
        }
        var cited: [Passage] = []
        if agent.tools.contains(.passages) {
            for p in passages.prefix(agent.passages) where add("Knowledge [\(p.id)] \(p.title): \(clip(p.text, 240))") { cited.append(p) }
        }
        guard !lines.isEmpty else { return ("", []) }
        return ((["<context>"] + lines + ["</context>"]).joined(separator: "\n"), cited)
    }
}
