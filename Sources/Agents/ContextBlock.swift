import Foundation

/// Renders the delimited context block that precedes the user's message:
///
/// ```text
/// <context>
/// Grounding facts (trust these numbers):
/// - [overload:bench-press] Bench Press: 80-82.5 kg for 5-6 reps (last 3x5 @ 80 kg RPE 7)
/// Last check-in (2026-11-22): sleep 5.5 h, soreness 7/10, energy 4/10, stress 6/10
/// Profile: age 34, bodyweight 82 kg, intermediate, goal strength, 4 days/week, ...
/// Recent sessions (newest first):
/// - 2026-11-20 Upper A: Bench Press 80 kg x5, 80 kg x5, 80 kg x5 @RPE 7; ...
/// Knowledge:
/// - [p1] Progressive overload: ...
/// </context>
/// ```
///
/// Sections follow the agent's `tools` and are added whole line by line while they fit the budget.
enum ContextBlock {
    static func render(agent: AgentDefinition, context: UserContext, facts: [GroundingFact],
                       passages: [Passage], budget: Int) -> (String, [Passage]) {
        var lines: [String] = []
        var used = TokenEstimate.of("<context>\n</context>")
        var cited: [Passage] = []
        func add(_ line: String) -> Bool {
            let cost = TokenEstimate.of(line) + 1
            guard used + cost <= budget else { return false }
            used += cost
            lines.append(line)
            return true
        }
        func addSection(_ header: String, _ items: [String]) {
            guard !items.isEmpty, used + TokenEstimate.of(header) + TokenEstimate.of(items[0]) + 2 <= budget else { return }
            _ = add(header)
            for item in items where !add(item) { break }
        }

        if agent.tools.contains(.grounding) {
            addSection("Grounding facts (trust these numbers):", facts.map { "- [\($0.id)] \($0.subject): \($0.text)" })
        }
        if agent.tools.contains(.checkin), let checkIn = context.lastCheckIn {
            _ = add(describe(checkIn))
        }
        if agent.tools.contains(.profile), let profile = context.profile {
            _ = add(describe(profile))
        }
        if agent.tools.contains(.history) {
            addSection("Recent sessions (newest first):", context.recentSessions.map { describe($0, units: context.profile?.units ?? "kg") })
        }
        if agent.tools.contains(.passages) {
            let items = passages.map { "- [\($0.id)] \($0.title): \(clip($0.text, 400))" }
            let before = lines.count
            addSection("Knowledge:", items)
            let addedPassages = max(0, lines.count - before - 1)
            cited = Array(passages.prefix(addedPassages))
        }
        guard !lines.isEmpty else { return ("", []) }
        return ((["<context>"] + lines + ["</context>"]).joined(separator: "\n"), cited)
    }

    static func describe(_ c: CheckInSummary) -> String {
        var parts: [String] = []
        if let s = c.sleepHours { parts.append("sleep \(number(s)) h") }
        if let s = c.soreness { parts.append("soreness \(number(s))/10") }
        if let e = c.energy { parts.append("energy \(number(e))/10") }
        if let s = c.stress { parts.append("stress \(number(s))/10") }
        return "Last check-in (\(c.date)): " + (parts.isEmpty ? "no values" : parts.joined(separator: ", "))
    }

    static func describe(_ p: ProfileSummary) -> String {
        var parts: [String] = []
        if let a = p.age { parts.append("age \(a)") }
        if let b = p.bodyweight { parts.append("bodyweight \(number(b)) \(p.units)") }
        if let e = p.experience { parts.append(e) }
        if let g = p.goal { parts.append("goal \(g)") }
        if let d = p.daysPerWeek { parts.append("\(d) days/week") }
        if !p.equipment.isEmpty { parts.append("equipment: " + p.equipment.joined(separator: ", ")) }
        parts.append("injuries: " + (p.injuries.isEmpty ? "none" : p.injuries.joined(separator: ", ")))
        parts.append("units \(p.units)")
        return "Profile: " + parts.joined(separator: ", ")
    }

    static func describe(_ s: SessionSummary, units: String) -> String {
        let exercises = s.exercises.map { e in
            let sets = e.sets.map { set in
                "\(number(set.weight)) \(units) x\(set.reps)" + (set.rpe.map { " @RPE \(number($0))" } ?? "")
            }
            return "\(e.name) " + sets.joined(separator: ", ")
        }
        return "- \(s.date) \(s.title): " + exercises.joined(separator: "; ")
    }

    static func number(_ x: Double) -> String {
        x.rounded() == x ? String(Int(x)) : String(format: "%.1f", x)
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}
