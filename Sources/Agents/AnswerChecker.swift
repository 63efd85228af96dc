import Foundation

/// Checks the numbers in a reply against the grounding facts' ranges and corrects them once.
///
/// A load ("100 kg", "225 lbs") or rep count ("12 reps") is checked against the facts whose
/// unit matches (kg and lb convert) and whose `subject` is named in the same sentence; when no
/// fact is named there and exactly one fact of that unit exists, that one applies. A number
/// outside `[min, max]` (with a 1% tolerance) is reported as a check and replaced by the nearest
/// bound — a deterministic correction, so the reply the user keeps is the grounded one.
struct AnswerChecker {
    struct Result {
        var reply: String
        var checks: [AnswerCheck]
    }

    private static let quantity = try! NSRegularExpression(
        pattern: #"(\d+(?:[.,]\d+)?)\s*(kg|kgs|kilos?|kilograms?|lbs?|pounds?|reps?|repetitions)\b"#,
        options: [.caseInsensitive])

    func check(_ reply: String, facts: [GroundingFact]) -> Result {
        let ranged = facts.filter { $0.min != nil && $0.max != nil && $0.unit != nil }
        guard !ranged.isEmpty else { return Result(reply: reply, checks: []) }
        let ns = reply as NSString
        var replacements: [(NSRange, String)] = []
        var checks: [AnswerCheck] = []
        for match in Self.quantity.matches(in: reply, range: NSRange(location: 0, length: ns.length)) {
            let numberRange = match.range(at: 1)
            guard let value = Double(ns.substring(with: numberRange).replacingOccurrences(of: ",", with: ".")) else { continue }
            let unit = Self.canonicalUnit(ns.substring(with: match.range(at: 2)))
            let (sentence, offset) = Self.sentence(around: match.range, in: ns)
            let candidates = ranged.filter { Self.compatible($0.unit!, unit) }
            guard let fact = Self.nearestNamed(candidates, in: sentence.lowercased(), before: offset)
                ?? (candidates.count == 1 ? candidates[0] : nil) else { continue }
            let factor = Self.factor(from: fact.unit!, to: unit)
            let low = fact.min! * factor, high = fact.max! * factor
            let tolerance = max(abs(high) * 0.01, unit == "reps" ? 0 : 0.01)
            guard value < low - tolerance || value > high + tolerance else { continue }
            let corrected = Self.inwardRounded(value < low ? low : high, towardsUpper: value < low, low: low, high: high, unit: unit)
            let text = Self.format(corrected, unit: unit)
            replacements.append((numberRange, text))
            checks.append(AnswerCheck(
                kind: unit == "reps" ? "reps_out_of_range" : "load_out_of_range",
                message: "the reply said \(ns.substring(with: match.range)) for \(fact.subject), outside the grounded range \(Self.format(low, unit: unit))–\(Self.format(high, unit: unit)) \(unit) (\(fact.id)); replaced with \(text) \(unit)",
                corrected: true))
        }
        var fixed = reply as NSString
        for (range, text) in replacements.reversed() {
            fixed = fixed.replacingCharacters(in: range, with: text) as NSString
        }
        return Result(reply: fixed as String, checks: checks)
    }

    static func canonicalUnit(_ raw: String) -> String {
        let u = raw.lowercased()
        if u.hasPrefix("k") { return "kg" }
        if u.hasPrefix("l") || u.hasPrefix("p") { return "lb" }
        return "reps"
    }

    static func compatible(_ factUnit: String, _ unit: String) -> Bool {
        let f = canonicalUnit(factUnit)
        return f == unit || (f != "reps" && unit != "reps")
    }

    static func factor(from factUnit: String, to unit: String) -> Double {
        switch (canonicalUnit(factUnit), unit) {
        case ("kg", "lb"): 2.20462
        case ("lb", "kg"): 1 / 2.20462
        default: 1
        }
    }

    /// Rounds a bound to loadable plates (1.25 kg / 2.5 lb, whole reps) without leaving the range.
    static func inwardRounded(_ bound: Double, towardsUpper: Bool, low: Double, high: Double, unit: String) -> Double {
        let step = unit == "kg" ? 1.25 : unit == "lb" ? 2.5 : 1
        let rounded = (towardsUpper ? (bound / step).rounded(.up) : (bound / step).rounded(.down)) * step
        return (low...high).contains(rounded) ? rounded : bound
    }

    static func format(_ x: Double, unit: String) -> String {
        if x.rounded() == x { return String(Int(x)) }
        var text = String(format: "%.2f", x)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// The fact whose subject is mentioned closest before `offset` in `sentence` (else the first
    /// mentioned after it).
    static func nearestNamed(_ facts: [GroundingFact], in sentence: String, before offset: Int) -> GroundingFact? {
        let ns = sentence as NSString
        var best: (fact: GroundingFact, distance: Int)?
        for fact in facts {
            var search = NSRange(location: 0, length: ns.length)
            while true {
                let found = ns.range(of: fact.subject.lowercased(), options: [], range: search)
                guard found.location != NSNotFound else { break }
                let end = found.location + found.length
                let distance = end <= offset ? offset - end : 10_000 + found.location - offset
                if best == nil || distance < best!.distance { best = (fact, distance) }
                search = NSRange(location: end, length: ns.length - end)
            }
        }
        return best?.fact
    }

    /// The sentence holding `range`, and the range's offset inside it. A full stop between
    /// digits ("82.5") does not end a sentence.
    static func sentence(around range: NSRange, in text: NSString) -> (String, Int) {
        func ends(at i: Int) -> Bool {
            guard let scalar = UnicodeScalar(text.character(at: i)) else { return false }
            if scalar == "." {
                let digitBefore = i > 0 && (UnicodeScalar(text.character(at: i - 1)).map { CharacterSet.decimalDigits.contains($0) } ?? false)
                let digitAfter = i + 1 < text.length && (UnicodeScalar(text.character(at: i + 1)).map { CharacterSet.decimalDigits.contains($0) } ?? false)
                return !(digitBefore && digitAfter)
            }
            return "!?\n".unicodeScalars.contains(scalar)
        }
        var start = range.location
        while start > 0, !ends(at: start - 1) { start -= 1 }
        var end = range.location + range.length
        while end < text.length, !ends(at: end) { end += 1 }
        return (text.substring(with: NSRange(location: start, length: end - start)), range.location - start)
    }
}
