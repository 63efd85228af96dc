import Agents
import Coaching
import Foundation

/// The facts Insight needs for questions about the log, all computed from it:
///
/// - `progress` — per exercise in play, over the window the message names (default 8 weeks):
///   top set and estimated 1RM then and now, the change, records set in the window;
/// - `volume` — weekly working sets per muscle over 4 weeks against the targets;
/// - `consistency` — sessions per week over 4 weeks against the profile's plan, days since the last.
///
/// Each has `advice`: the plain-words sentence a reply may open with. Loads are in the user's units.
extension CoachingGroundingProvider {
    static func progressFact(_ p: ProgressSummary, units: WeightUnit) -> GroundingFact {
        let u = units.rawValue
        func load(_ kg: Double) -> String { format(display(kg, units)) }
        let window = Self.describeWindow(p.windowDays)
        let top = p.first.topKg > 0
            ? "top set \(load(p.first.topKg)) \(u) × \(p.first.topReps) → \(load(p.last.topKg)) \(u) × \(p.last.topReps)"
            : "best set \(p.first.topReps) → \(p.last.topReps) reps (bodyweight)"
        let change = display(p.last.topKg, units) - display(p.first.topKg, units)
        let e1rm = p.first.topKg > 0 ? "; estimated 1RM \(load(p.first.e1rmKg)) → \(load(p.last.e1rmKg)) \(u)" : ""
        let records = p.records == 1 ? "1 record" : "\(p.records) records"
        let text = "\(p.name) over \(window): \(top) (\(p.sessions) sessions)\(e1rm); \(records) in that time; best ever \(load(p.bestEverKg)) \(u)."
        let advice: String
        if p.sessions < 2 {
            advice = "You logged \(p.name) once in \(window): \(load(p.last.topKg)) \(u) × \(p.last.topReps), not enough to call a trend."
        } else if p.first.topKg == 0 {
            advice = "Your \(p.name) went from \(p.first.topReps) to \(p.last.topReps) reps over \(window)."
        } else if abs(change) < 0.05 {
            advice = "Your \(p.name) top set held at \(load(p.last.topKg)) \(u) over \(window) (\(p.first.topReps) → \(p.last.topReps) reps)."
        } else {
            let verb = change > 0 ? "up" : "down"
            advice = "Your \(p.name) went from \(load(p.first.topKg)) \(u) × \(p.first.topReps) to \(load(p.last.topKg)) \(u) × \(p.last.topReps) over \(window), "
                + "\(verb) \(format(abs(change))) \(u) on the top set."
        }
        return GroundingFact(id: "progress:\(p.exerciseId)", kind: "progress", subject: p.name, text: text, advice: advice)
    }

    static func volumeFact(_ v: VolumeBalance) -> GroundingFact {
        func item(_ e: VolumeBalance.Entry) -> String { "\(e.muscle.rawValue) \(format((e.setsPerWeek * 10).rounded() / 10))/\(format(e.target))" }
        let under = v.under.filter { $0.target >= 6 }.prefix(4)
        let over = v.over.prefix(3)
        var parts: [String] = []
        if !under.isEmpty { parts.append("under target: " + under.map(item).joined(separator: ", ")) }
        if !over.isEmpty { parts.append("over target: " + over.map(item).joined(separator: ", ")) }
        let text = "Weekly working sets over the last 4 weeks (sets/target): " + (parts.isEmpty ? "every major muscle near its target" : parts.joined(separator: "; ")) + "."
        let advice = under.first.map { "Over the last 4 weeks your \($0.muscle.rawValue) got about \(format((($0.setsPerWeek) * 10).rounded() / 10)) working sets a week against a target of about \(format($0.target))." }
            ?? "Over the last 4 weeks every major muscle got close to its weekly target of working sets."
        return GroundingFact(id: "volume", kind: "volume", subject: "weekly volume", text: text, advice: advice)
    }

    static func consistencyFact(_ c: Consistency) -> GroundingFact {
        let plan = c.plannedPerWeek.map { " against a plan of \($0)" } ?? ""
        let last = c.daysSinceLast.map { $0 == 0 ? "last session today" : $0 == 1 ? "last session yesterday" : "last session \($0) days ago" } ?? "no sessions logged"
        let text = "\(c.sessionsLast28Days) sessions in the last 4 weeks (\(format(c.perWeek)) a week\(plan)); \(last); \(c.totalSessions) sessions logged in all."
        let advice: String
        if let d = c.daysSinceLast, d >= 10 {
            advice = "Your last logged session was \(d) days ago, so start back about 10% lighter than your last loads and build up over two weeks."
        } else {
            advice = "You trained \(c.sessionsLast28Days) times in the last 4 weeks, \(format(c.perWeek)) a week\(plan)."
        }
        return GroundingFact(id: "consistency", kind: "consistency", subject: "consistency", text: text, advice: advice)
    }

    static func describeWindow(_ days: Int) -> String {
        if days >= 3650 { return "your whole log" }
        if days % 365 == 0 { return days == 365 ? "the last year" : "the last \(days / 365) years" }
        if days % 30 == 0 { return days == 30 ? "the last month" : "the last \(days / 30) months" }
        if days % 7 == 0 { return days == 7 ? "the last week" : "the last \(days / 7) weeks" }
        return "the last \(days) days"
    }

    /// A load in the user's units, to 0.1 (185 lb stored as 83.91 kg reads 185 again).
    static func display(_ kg: Double, _ units: WeightUnit) -> Double { (units.fromKilograms(kg) * 10).rounded() / 10 }
}
