import Foundation

/// The rule behind the `grounded` assertion: every load and rep number the reply states must
/// agree with the grounding facts the daemon computed for that request.
///
/// **Facts** are collected from the grounding JSON generically, whatever its shape:
/// - a *load* is any number under a key containing `weight` or `load`, or a key ending in `_kg`
///   / `_lb`; its unit is the key's suffix, else the nearest `unit`/`units` string in the same
///   object or an enclosing one (`kg`, `lb`), else unknown;
/// - a *rep range* is the pair of numbers under rep keys holding `min` and `max` in one object
///   (`reps_min`/`reps_max`), a two-number array under a rep key (`rep_range: [5, 8]`), a
///   string like `"5-8"` under a rep key, or a single number under a rep key (`reps: 5`).
///   A rep key is one containing `rep`.
///
/// - the daemon's facts (`{min, max, unit}` objects: `unit` kg/lb is a load range, `reps` a rep
///   range), and every load (`190 lb`) and rep range (`3–5 reps`) written in a fact's `text` or
///   `advice` (the facts vouch for the numbers they state, e.g. the last top set).
///
/// The eval runner adds the case's own logged workouts (`user_data`, in the profile's units), so
/// a reply may quote what the user logged: "every load is in the grounding or the user's data".
///
/// **Claims** are read from the reply: a number followed by a unit (`190 lb`, `82.5 kg`,
/// `200 pounds`) is a load; `N reps`, `N-M reps`, `N to M reps`, `sets of N` and the `× N`
/// after a load (`190 lb x 5`) are reps. A load written as a change rather than a target
/// (`add 5 lb`, `+5 lb`, `up by 10 lb`, `another 2.5 kg`, `drop 10 kg`) is an increment, not a
/// load, and is not checked.
///
/// **Agreement**: a load agrees when it is within one plate step of some grounded load, after
/// converting kg↔lb when both units are known (the step is 2.5 kg or 5 lb, the smallest jump
/// with a pair of the smallest plates; `tolerance:` overrides it, in the fact's unit). A rep
/// claim agrees when it lies inside some grounded rep range (inclusive). A claim of a kind for
/// which the grounding has no facts at all does not agree: the reply invented it. A reply
/// without numbers is grounded.
public struct GroundingCheck: Sendable {
    public struct Load: Sendable, Equatable { public var value: Double; public var unit: String? }
    public struct RepRange: Sendable, Equatable { public var low: Double; public var high: Double }

    public let loads: [Load]
    public let repRanges: [RepRange]
    let tolerance: Double?

    public init(grounding: JSONValue, tolerance: Double? = nil) {
        var loads: [Load] = []
        var reps: [RepRange] = []
        Self.collect(grounding, unit: nil, key: nil, loads: &loads, reps: &reps)
        self.loads = loads
        self.repRanges = reps
        self.tolerance = tolerance
    }

    /// Human-readable disagreements; empty when the reply is grounded.
    public func problems(in reply: String) -> [String] {
        var out: [String] = []
        let claims = Self.claims(in: reply)
        for load in claims.loads where !agrees(load) {
            let unit = load.unit ?? ""
            let known = loads.map { Self.format($0.value) + ($0.unit.map { " \($0)" } ?? "") }
            out.append(known.isEmpty
                ? "reply states \(Self.format(load.value)) \(unit) but the grounding has no loads"
                : "reply states \(Self.format(load.value)) \(unit), not within a plate step of the grounded loads \(known.joined(separator: ", "))")
        }
        for r in claims.reps where !repRanges.contains(where: { $0.low <= r.low && r.high <= $0.high }) {
            let claim = r.low == r.high ? "\(Int(r.low)) reps" : "\(Int(r.low))-\(Int(r.high)) reps"
            let known = repRanges.map { $0.low == $0.high ? "\(Int($0.low))" : "\(Int($0.low))-\(Int($0.high))" }
            out.append(known.isEmpty
                ? "reply states \(claim) but the grounding has no rep ranges"
                : "reply states \(claim), outside the grounded rep ranges \(known.joined(separator: ", "))")
        }
        return out
    }

    func agrees(_ claim: Load) -> Bool {
        loads.contains { fact in
            var value = claim.value
            if let cu = claim.unit, let fu = fact.unit, cu != fu {
                value = cu == "kg" ? value * 2.20462 : value / 2.20462
            }
            let unit = fact.unit ?? claim.unit
            let step = tolerance ?? (unit == "lb" ? 5 : 2.5)
            return abs(value - fact.value) <= step + 1e-9
        }
    }

    // MARK: - Facts

    private static func collect(_ v: JSONValue, unit: String?, key: String?, loads: inout [Load], reps: inout [RepRange]) {
        switch v {
        case .object(let o):
            let here = (o["unit"]?.stringValue ?? o["units"]?.stringValue).flatMap(normalUnit) ?? unit
            // min/max rep pairs in this object
            let repKeys = o.keys.filter { $0.lowercased().contains("rep") }
            let minKey = repKeys.first { $0.lowercased().contains("min") }
            let maxKey = repKeys.first { $0.lowercased().contains("max") }
            if let minKey, let maxKey, let lo = o[minKey]?.numberValue, let hi = o[maxKey]?.numberValue {
                reps.append(RepRange(low: min(lo, hi), high: max(lo, hi)))
            }
            // The daemon's fact shape: {min, max, unit, text, advice}.
            if let lo = o["min"]?.numberValue, let hi = o["max"]?.numberValue, let u = o["unit"]?.stringValue {
                if let unit = normalUnit(u) {
                    loads += [Load(value: lo, unit: unit), Load(value: hi, unit: unit)]
                } else if u.lowercased().hasPrefix("rep") {
                    reps.append(RepRange(low: min(lo, hi), high: max(lo, hi)))
                }
            }
            for key in ["text", "advice"] {
                guard let text = o[key]?.stringValue else { continue }
                let stated = claims(in: text)
                loads += stated.loads.map { Load(value: $0.value, unit: $0.unit) }
                reps += stated.reps
            }
            for (k, child) in o where k != minKey && k != maxKey {
                collect(child, unit: here, key: k, loads: &loads, reps: &reps)
            }
        case .array(let a):
            if let key, key.lowercased().contains("rep"), a.count == 2, let lo = a[0].numberValue, let hi = a[1].numberValue {
                reps.append(RepRange(low: min(lo, hi), high: max(lo, hi)))
                return
            }
            for child in a { collect(child, unit: unit, key: key, loads: &loads, reps: &reps) }
        case .number(let n):
            guard let k = key?.lowercased() else { return }
            if k.hasSuffix("_kg") { loads.append(Load(value: n, unit: "kg")) }
            else if k.hasSuffix("_lb") || k.hasSuffix("_lbs") { loads.append(Load(value: n, unit: "lb")) }
            else if k.contains("weight") || k.contains("load") { loads.append(Load(value: n, unit: unit)) }
            else if k.contains("rep") { reps.append(RepRange(low: n, high: n)) }
        case .string(let s):
            guard let k = key?.lowercased(), k.contains("rep") else { return }
            let nums = s.split(whereSeparator: { !$0.isNumber && $0 != "." }).compactMap { Double($0) }
            if nums.count == 2 { reps.append(RepRange(low: min(nums[0], nums[1]), high: max(nums[0], nums[1]))) }
            else if nums.count == 1 { reps.append(RepRange(low: nums[0], high: nums[0])) }
        default: break
        }
    }

    static func normalUnit(_ s: String) -> String? {
        switch s.lowercased() {
        case "kg", "kgs", "kilogram", "kilograms", "kilo", "kilos": return "kg"
        case "lb", "lbs", "pound", "pounds": return "lb"
        default: return nil
        }
    }

    // MARK: - Claims

    static let loadPattern = try! NSRegularExpression(
        pattern: #"(\d+(?:\.\d+)?)\s*(kgs?|kilograms?|kilos?|lbs?|pounds?)\b(?:\s*[x×]\s*(\d+)\b)?"#,
        options: [.caseInsensitive])
    static let repPattern = try! NSRegularExpression(
        pattern: #"(\d+)(?:\s*(?:-|–|to)\s*(\d+))?\s*(?:reps?|repetitions)\b|sets? of (\d+)(?:\s*(?:-|–|to)\s*(\d+))?"#,
        options: [.caseInsensitive])

    static func claims(in text: String) -> (loads: [Load], reps: [RepRange]) {
        let ns = text as NSString
        func group(_ m: NSTextCheckingResult, _ i: Int) -> String? {
            let r = m.range(at: i)
            return r.location == NSNotFound ? nil : ns.substring(with: r)
        }
        var loads: [Load] = []
        var reps: [RepRange] = []
        for m in loadPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            guard let n = group(m, 1).flatMap(Double.init) else { continue }
            let before = ns.substring(to: m.range.location).suffix(12).lowercased()
            if isIncrement(before) { continue }
            loads.append(Load(value: n, unit: group(m, 2).flatMap(normalUnit)))
            if let r = group(m, 3).flatMap(Double.init) { reps.append(RepRange(low: r, high: r)) }
        }
        for m in repPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            guard let lo = (group(m, 1) ?? group(m, 3)).flatMap(Double.init) else { continue }
            let hi = (group(m, 2) ?? group(m, 4)).flatMap(Double.init) ?? lo
            reps.append(RepRange(low: min(lo, hi), high: max(lo, hi)))
        }
        return (loads, reps)
    }

    /// Whether the text before a load makes it a change (`add 5 lb`) rather than a target.
    static func isIncrement(_ before: String) -> Bool {
        let t = before.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("+") || t.hasSuffix("-") { return true }
        let words = ["add", "adding", "by", "another", "extra", "plus", "drop", "dropping", "remove", "take off", "jump of", "increment of", "increase of"]
        return words.contains { t.hasSuffix(" " + $0) || t == $0 }
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x)
    }
}
