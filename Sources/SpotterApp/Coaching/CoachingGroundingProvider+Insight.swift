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
        var advice: String
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
        if p.first.topKg > 0 { advice += " Your estimated one-rep max is now about \(load(p.last.e1rmKg)) \(u)." }
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

    /// For a load question about an exercise with no logged sets.
    static let startingLoadFact = GroundingFact(
        id: "overload:start", kind: "overload", subject: "starting load",
        text: "No logged sets for this exercise: start light, with a weight that leaves 2–3 reps in reserve at 10–12 reps, and add the smallest step when every set feels easy.",
        advice: "With no logged sets to go on, start light: pick a weight you can lift 10 to 12 times with good form and 2 to 3 reps to spare, then add a little when every set feels easy.")

    /// Fatigue the lifter reports in the message, or high stress / low energy in the last
    /// check-in when sleep and soreness are fine: a deload week, or holding loads.
    static func fatigueFact(message: String, checkIn: CheckIn?, recovery: RecoveryFeatures) -> GroundingFact? {
        let t = message.lowercased()
        if ["beat up", "beaten up", "run down", "worn out", "burned out", "burnt out", "wrecked", "exhausted", "fried"].contains(where: t.contains) {
            return GroundingFact(id: "recovery:fatigue", kind: "recovery", subject: "fatigue",
                                 text: "Recovery is poor (self-reported fatigue): a deload week — the same exercises, about half the sets, loads about 10% lighter.",
                                 advice: "Make this a deload week: keep the same exercises, cut the sets about in half and take about 10% off the loads, then build back next week.")
        }
        let poorSleepOrSoreness = (recovery.lastSleepHours ?? recovery.sleepHours7d ?? 8) < 6 || (recovery.lastSoreness ?? recovery.soreness7d ?? 0) > 7
        guard !poorSleepOrSoreness, let c = checkIn, (c.stress ?? 0) >= 8 || (c.energy ?? 10) <= 3 else { return nil }
        var parts: [String] = []
        if let s = c.stress { parts.append("stress \(s)/10") }
        if let e = c.energy { parts.append("energy \(e)/10") }
        return GroundingFact(id: "recovery:stress", kind: "recovery", subject: "stress",
                             text: "Recovery is poor (\(parts.joined(separator: ", "))): hold loads this week, no increases.",
                             advice: "Hold your loads this week: with \(parts.joined(separator: " and ")), repeat your last weights rather than adding, and keep the session short.")
    }

    /// A lifter in a calorie deficit keeps strength rather than chasing increases.
    static func dietingFact(_ message: String) -> GroundingFact? {
        let t = message.lowercased()
        guard ["dieting", "on a diet", "cutting", "on a cut", "calorie deficit", "caloric deficit", "in a deficit"].contains(where: t.contains) else { return nil }
        return GroundingFact(id: "recovery:deficit", kind: "recovery", subject: "calorie deficit",
                             text: "In a calorie deficit the goal is to maintain strength: hold loads, add only when a set is clearly easy, no PR attempts.",
                             advice: "While you're dieting, hold your loads: keep your top sets where they are to preserve strength, and add weight only when a set feels clearly easy.")
    }

    /// The profile's injuries, for load, plan and readiness questions.
    static func injuryFact(_ injuries: [String]) -> GroundingFact? {
        let named = injuries.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0.lowercased() != "none" }
        guard !named.isEmpty else { return nil }
        let list = named.joined(separator: " and ")
        return GroundingFact(id: "injury", kind: "injury", subject: list,
                             text: "Profile injuries: \(list). Keep every rep pain-free; swap movements that load it.",
                             advice: "Mind your \(list): keep every rep pain-free, stop any set that hurts and swap movements that load it.")
    }

    /// The best-fitting program template for the profile, within the equipment the message limits
    /// the lifter to ("I only have dumbbells"), with its days' focus.
    func programFact(message: String, history h: UserHistory) -> GroundingFact? {
        let limit = EquipmentLimit.from(message)
        let ranked = coaching.programs.recommend(profile: h.profile, k: 20)
        let fitting = ranked.filter { limit?.allows($0.template.equipment) ?? true }
        // Days the message asks for ("a 3-day week", "twice a week") come before the profile's.
        let days = Self.daysPerWeek(in: message)
        guard let best = days.flatMap({ d in fitting.first { $0.template.daysPerWeek.contains(d) } })
            ?? days.flatMap({ d in fitting.min { abs($0.template.daysPerWeek.lowerBound - d) < abs($1.template.daysPerWeek.lowerBound - d) } })
            ?? fitting.first else { return nil }
        let t = best.template
        var dayList = t.dayFocus.enumerated().map { "day \($0.offset + 1) \($0.element)" }.joined(separator: "; ")
        if let p = t.prescription, !dayList.isEmpty { dayList += ", mostly \(p)" }
        let prefix = limit.map { "Using only your \($0.described): " } ?? "A program that fits you: "
        return GroundingFact(id: "program:\(t.id)", kind: "program", subject: t.name,
                             text: "Best-fitting program: \(t.name) (score \(Self.format((best.score * 100).rounded()))/100): \(t.description) Days: \(dayList).",
                             advice: prefix + "\(t.name). \(t.description)" + (dayList.isEmpty ? "" : " Days: \(dayList)."))
    }

    private static let daysPattern = try! NSRegularExpression(
        pattern: #"\b(\d|two|three|four|five|six)[- ](day|days)\b|\b(\d|two|three|four|five|six) times a week\b"#)

    /// Training days a week the message asks for: "3-day", "4 days a week", "twice a week".
    static func daysPerWeek(in message: String) -> Int? {
        let t = message.lowercased()
        if t.contains("twice a week") || t.contains("two days a week") { return 2 }
        let words = ["two": 2, "three": 3, "four": 4, "five": 5, "six": 6]
        guard let m = daysPattern.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)) else { return nil }
        for i in [1, 3] {
            if let r = Range(m.range(at: i), in: t) { return Int(t[r]) ?? words[String(t[r])] }
        }
        return nil
    }

    /// Whether a plan question is about a program or a week rather than one session.
    static func asksForProgram(_ message: String) -> Bool {
        let t = message.lowercased()
        return ["program", "programme", "split", "week", "routine", "schedule", "days a week", "-day", " day ", "twice", "times a"].contains(where: t.contains)
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
