import Foundation

/// Enforces the grounding on a generated reply, sentence by sentence, before any of it reaches
/// the client (the streaming path holds back the current sentence until it is complete):
///
/// 1. a load or rep count outside a named fact's range is rewritten to the range's bound
///    (`AnswerChecker`);
/// 2. a sentence naming a load that is in neither the grounding nor the user's data (their
///    logged sets, their message) is removed (`load_not_grounded`); an increment ("add 5 kg",
///    "you've added 110 kg") must be a standard plate increment or a difference of two such
///    loads, so a claim about the user's history must match the history;
/// 3. a sentence that pushes (PR attempt, go heavy, add weight, "rest is not needed") when the
///    facts say deload or rest is removed (`contradicts_decision`) — even negated, since the lead
///    already states the decision; a dated claim must match that day's logged sets
///    (`history_mismatch`); reps written after a load must be in a grounded range or the log
///    (`reps_not_grounded`);
/// 4. a sentence repeating the grounded lead is dropped (`repeats_lead`), and one naming
///    equipment the message says the lifter lacks ("I only have dumbbells") is removed
///    (`equipment_unavailable`);
/// 5. a sentence copying the prompt's context block is removed (`prompt_leak`), and one said
///    before is dropped (`repeats_sentence`, `SentenceGate`);
/// 6. the reply stops at the agent's sentence cap (`sentence_cap`), the lead included.
///
/// Every change is reported as an `AnswerCheck` with `corrected: true`.
struct ReplyEnforcer: Sendable {
    let facts: [GroundingFact]
    /// Loads (kg) the reply may name: the facts' and the user's data.
    let allowedKg: [Double]
    let lead: String?
    let maxSentences: Int?
    /// Recovery says deload or rest.
    let restDecision: Bool
    /// Exercise subjects whose overload decision is a deload.
    let deloadSubjects: [String]
    /// Equipment the message limits the lifter to.
    let equipment: EquipmentLimit?
    /// The user's recent sessions and units, for dated claims.
    let sessions: [SessionSummary]
    let units: String

    init(facts: [GroundingFact], context: UserContext, message: String, lead: String?, maxSentences: Int?) {
        self.facts = facts
        self.lead = lead
        self.maxSentences = maxSentences
        let units = context.profile?.units ?? "kg"
        self.units = units
        self.sessions = context.recentSessions
        var loads: [Double] = []
        for fact in facts {
            if let unit = fact.unit, unit != "reps", let lo = fact.min, let hi = fact.max {
                loads += [lo, hi].map { Self.kilograms($0, unit: unit) }
            }
            loads += Self.quantities(in: fact.text + " " + (fact.advice ?? "")).map(\.kg)
        }
        for session in context.recentSessions {
            for exercise in session.exercises { loads += exercise.sets.map { Self.kilograms($0.weight, unit: units) } }
        }
        loads += Self.quantities(in: message).map(\.kg)
        // Bare numbers in the message ("I benched 185 for 3x5") are loads in the user's units.
        loads += Self.bareNumbers(in: message).filter { $0 >= 10 }.map { Self.kilograms($0, unit: units) }
        allowedKg = Array(Set(loads.filter { $0 > 0 })).sorted()
        restDecision = facts.contains { $0.kind == "recovery" && $0.isRestDecision && $0.text.lowercased().contains("poor") }
        equipment = EquipmentLimit.from(message)
        deloadSubjects = facts.filter { $0.kind == "overload" && $0.text.contains("(deload") }.map { $0.subject.lowercased() }
    }

    /// The sentence as it may be shown (nil: removed) and what was changed.
    func review(_ sentence: String) -> (String?, [AnswerCheck]) {
        let trimmed = sentence.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return (sentence, []) }
        if let lead, Self.normalized(lead).contains(Self.normalized(trimmed)), Self.normalized(trimmed).count >= 12 {
            return (nil, [AnswerCheck(kind: "repeats_lead", message: "removed a sentence repeating the grounded lead: \"\(trimmed)\"", corrected: true)])
        }
        if Self.leaks.contains(where: { trimmed.lowercased().contains($0) }) {
            return (nil, [removal("prompt_leak", trimmed, "it repeats the prompt's context block")])
        }
        let checked = AnswerChecker().check(sentence, facts: facts)
        let lower = checked.reply.lowercased()
        for q in Self.quantities(in: checked.reply) {
            if q.isIncrement {
                guard isPlausibleIncrement(q.kg) else {
                    return (nil, checked.checks + [removal("load_not_grounded", trimmed, "the change of \(q.text) matches no difference between the grounded or logged loads")])
                }
            } else if !isAllowed(q.kg) {
                return (nil, checked.checks + [removal("load_not_grounded", trimmed, "\(q.text) is in neither the grounding nor the user's data")])
            }
        }
        if let equipment, let word = equipment.unavailableWords.first(where: { lower.contains($0) }) {
            return (nil, checked.checks + [removal("equipment_unavailable", trimmed, "it names \(word) equipment, but the lifter has only \(equipment.described)")])
        }
        if let mismatch = historyMismatch(checked.reply) {
            return (nil, checked.checks + [removal("history_mismatch", trimmed, mismatch)])
        }
        if let reps = repsOutsideRanges(checked.reply) {
            return (nil, checked.checks + [removal("reps_not_grounded", trimmed, "\(reps) reps after a load is outside every grounded rep range and the user's logged reps")])
        }
        let pushes = Self.push.firstMatch(in: lower, range: NSRange(lower.startIndex..., in: lower)) != nil
        let againstRest = Self.antiRest.firstMatch(in: lower, range: NSRange(lower.startIndex..., in: lower)) != nil
        // Under a rest decision the lead already says what not to do; a generated sentence about
        // pushing is removed even when negated, so a small model cannot garble the decision.
        if pushes || againstRest, restDecision || deloadSubjects.contains(where: { lower.contains($0) }) {
            return (nil, checked.checks + [removal("contradicts_decision", trimmed, "it pushes while the grounding says deload or rest")])
        }
        return (checked.reply, checked.checks)
    }

    /// A dated claim ("on 2026-11-28 you did 87.5 kg") must match that day's logged sets.
    func historyMismatch(_ sentence: String) -> String? {
        let ns = sentence as NSString
        let dates = Self.date.matches(in: sentence, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
        guard !dates.isEmpty else { return nil }
        let stated = Self.quantities(in: sentence).filter { !$0.isIncrement }
        guard !stated.isEmpty else { return nil }
        let logged = sessions.filter { dates.contains($0.date) }.flatMap(\.exercises).flatMap(\.sets).map { Self.kilograms($0.weight, unit: units) }
        for q in stated where !logged.contains(where: { abs($0 - q.kg) <= 0.6 }) {
            return "\(q.text) was not logged on \(dates.joined(separator: ", "))"
        }
        return nil
    }

    /// Reps written after a load that fall outside every grounded rep range and every logged rep count.
    func repsOutsideRanges(_ sentence: String) -> Int? {
        let ranges = facts.filter { $0.unit == "reps" }.compactMap { f in f.min.flatMap { lo in f.max.map { hi in lo...hi } } }
        guard !ranges.isEmpty else { return nil }
        let logged = Set(sessions.flatMap(\.exercises).flatMap(\.sets).map(\.reps))
        let ns = sentence as NSString
        for m in Self.loadTimesReps.matches(in: sentence, range: NSRange(location: 0, length: ns.length)) {
            guard let reps = Int(ns.substring(with: m.range(at: 1))) else { continue }
            if !ranges.contains(where: { $0.contains(Double(reps)) }), !logged.contains(reps) { return reps }
        }
        return nil
    }

    private func removal(_ kind: String, _ sentence: String, _ why: String) -> AnswerCheck {
        AnswerCheck(kind: kind, message: "removed \"\(sentence)\": \(why)", corrected: true)
    }

    func isAllowed(_ kg: Double) -> Bool {
        allowedKg.contains { abs($0 - kg) <= max(0.6, $0 * 0.01) }
    }

    func isPlausibleIncrement(_ kg: Double) -> Bool {
        let standard: [Double] = [1, 1.25, 2, 2.5, 5, 10, 1.13, 2.27, 4.54]   // kg, and 2.5 / 5 / 10 lb
        if standard.contains(where: { abs($0 - kg) <= 0.05 }) { return true }
        for (i, a) in allowedKg.enumerated() {
            for b in allowedKg[(i + 1)...] where abs((b - a) - kg) <= 0.6 { return true }
        }
        return false
    }

    struct Quantity {
        var text: String
        var kg: Double
        var isIncrement: Bool
    }

    /// Text that only appears in the prompt's context block.
    static let leaks = ["<context", "</context", "grounding facts (trust", "facts (trust these", "profile: goal", "last check-in (",
                        "@rpe", "days/week", "last sessions of", "last session of"]

    private static let load = try! NSRegularExpression(
        pattern: #"(\+\s*)?(\d+(?:[.,]\d+)?)\s*-?\s*(kg|kgs|kilos?|kilograms?|lbs?|pounds?)\b"#, options: [.caseInsensitive])
    /// "87.5 kg × 2", "190 lb x 5": the reps after a load.
    private static let loadTimesReps = try! NSRegularExpression(
        pattern: #"\d+(?:[.,]\d+)?\s*(?:kg|kgs|lbs?)\s*[x×]\s*(\d+)\b"#, options: [.caseInsensitive])
    private static let incrementBefore = try! NSRegularExpression(
        pattern: #"\b(add|adds|added|adding|up|gain|gained|gaining|increase[ds]?|increased by|another|extra|more|plus|by|jump(ed)?|improved by)\s*(an? |another |extra )?$"#,
        options: [.caseInsensitive])
    private static let push = try! NSRegularExpression(
        pattern: #"\b(new pr|pr attempt|attempt (a|the) pr|go for (a |the |your )?(pr|max)|go for it|max out|go heavy|go heavier|push (it|hard|harder|through)|add (weight|load)|increase (the )?(weight|load)|personal record|test your max|hit a pr)\b"#)
    /// Sentences that argue against resting (negations are the point, so they are not excused).
    private static let antiRest = try! NSRegularExpression(
        pattern: #"\b(rest is not|rest isn'?t|no need to rest|don'?t (need to )?rest|skip (the )?rest( day)?|push through)\b"#)
    private static let date = try! NSRegularExpression(pattern: #"\b\d{4}-\d{2}-\d{2}\b"#)
    private static let negation = try! NSRegularExpression(
        pattern: #"\b(no|not|don'?t|do not|avoid|skip|instead of|rather than|never|without|wait|hold off|save)\b"#)
    private static let bare = try! NSRegularExpression(pattern: #"(?<![\w.])(\d{2,3}(?:\.\d+)?)(?![\w.]|\s*(%|x|reps?|h|hours?|min|minutes?|days?|weeks?|months?|sets?|/))"#,
                                                       options: [.caseInsensitive])

    static func quantities(in text: String) -> [Quantity] {
        let ns = text as NSString
        return load.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            guard let value = Double(ns.substring(with: m.range(at: 2)).replacingOccurrences(of: ",", with: ".")) else { return nil }
            let unit = ns.substring(with: m.range(at: 3))
            let before = ns.substring(to: m.range.location)
            let tail = String(before.suffix(24))
            let increment = m.range(at: 1).location != NSNotFound
                || incrementBefore.firstMatch(in: tail, range: NSRange(tail.startIndex..., in: tail)) != nil
            return Quantity(text: ns.substring(with: m.range), kg: kilograms(value, unit: unit), isIncrement: increment)
        }
    }

    static func bareNumbers(in text: String) -> [Double] {
        let ns = text as NSString
        return bare.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { Double(ns.substring(with: $0.range(at: 1))) }
    }

    static func kilograms(_ value: Double, unit: String) -> Double {
        AnswerChecker.canonicalUnit(unit) == "lb" ? value / 2.20462 : value
    }

    static func normalized(_ text: String) -> String {
        text.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
