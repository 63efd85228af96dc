import Foundation

/// Reads quantities out of one normalised line; what is left is the exercise name.
enum LineReader {
    private static let number = #"(\d+(?:[.,]\d+)?)"#
    private static let unitPattern = #"(kgs?|kilos?|lbs?|pounds?)\b"#

    static let rest = TextPattern(#"\brest(?:ing)?\s*[:=]?\s*(?:(\d+):(\d{2})|(\d+(?:\.\d+)?)\s*(s|secs?|seconds?|m|mins?|minutes?|'|")?)"#)
    static let restAfter = TextPattern(#"(\d+(?:\.\d+)?)\s*(s|secs?|seconds?|mins?|minutes?)\s+rest\b"#)
    static let rpe = TextPattern(#"@?\s*\brpe\s*[:=]?\s*(\d+(?:\.\d)?)"#)
    static let rir = TextPattern(#"(?:\b(\d)\s*rir\b|\brir\s*[:=]?\s*(\d))"#)
    static let ramp = TextPattern(number + #"\s*(?:"# + unitPattern + #")?\s*x\s*(\d+)\b"#)
    static let setsRepsWeight = TextPattern(#"\b(\d+)\s*x\s*(\d+)(?:\s*(?:-|to)\s*(\d+))?(?:\s*(s|secs?|seconds?)\b)?(?:\s*x\s*"# + number + #"\s*(?:"# + unitPattern + #")?)?"#)
    static let setsOf = TextPattern(#"\b(\d+)\s*sets?\s*(?:of|x)?\s*(?:(\d+)(?:\s*(?:-|to)\s*(\d+))?\s*(?:reps?\b)?)?"#)
    static let repsWord = TextPattern(#"\b(\d+)(?:\s*(?:-|to)\s*(\d+))?\s*(?:reps?|repetitions)\b"#)
    static let weightUnit = TextPattern(number + #"\s*"# + unitPattern)
    static let atWeight = TextPattern(#"@\s*"# + number + #"(?!\s*%)"#)
    static let bareReps = TextPattern(#"(?:^|\s)x\s*(\d+)\b"#)
    static let leading = TextPattern(#"^\s*(\d{1,3})\s+(?=[a-z])"#)
    static let parenthesised = TextPattern(#"\(([^)]*)\)"#)
    static let bodyweight = TextPattern(#"\b(bw|bodyweight|body weight)\b"#)
    static let perSide = TextPattern(#"\b(each side|per side|each leg|per leg|each arm|per arm|/side|each)\b"#)
    static let fillerWords = TextPattern(#"(?:^|\s)(?:sets?|reps?|of|x|for|between|with|and|at|@|,|;|:|\+|&)(?=\s|$)"#)

    static func read(_ text: String) -> LineReading {
        var r = LineReading()
        var work = text

        if let g = parenthesised.takeAll(from: &work).compactMap({ $0[1] }).first, !g.isEmpty { r.notes.append(g) }
        if let g = rest.take(from: &work) {
            r.restSeconds = seconds(minutes: g[1], seconds: g[2], amount: g[3], unit: g[4])
        } else if let g = restAfter.take(from: &work) {
            r.restSeconds = seconds(minutes: nil, seconds: nil, amount: g[1], unit: g[2])
        }
        if let g = rpe.take(from: &work), let v = g[1].flatMap(decimal), (1...10).contains(v) { r.rpe = v }
        if let g = rir.take(from: &work), let v = (g[1] ?? g[2]).flatMap({ Int($0) }) { r.rir = v }

        let ramps = ramp.allMatches(in: work)
        let rampSets = ramps.compactMap { m -> (Double, Int)? in
            guard let w = m.groups[1].flatMap(decimal), let n = m.groups[3].flatMap({ Int($0) }) else { return nil }
            return (w, n)
        }
        // Two or more load x reps pairs (140x5, 150x3): a ramp. Loads of 20 or less read as sets.
        if rampSets.count >= 2, rampSets.allSatisfy({ $0.0 > 20 || $0.0 != $0.0.rounded() }) {
            let sets = rampSets
            _ = ramp.takeAll(from: &work)
            r.sets = sets.count
            let reps = sets.map(\.1)
            r.reps = Set(reps).count == 1 ? .exact(reps[0]) : .range(min: reps.min()!, max: reps.max()!)
            r.weight = sets.map(\.0).max()
            r.notes.append(ramps.compactMap { $0.groups[0] }.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            if let u = ramps.compactMap({ $0.groups[2] }).first { r.unit = unit(u) }
        } else if let g = setsRepsWeight.take(from: &work), let a = g[1].flatMap({ Int($0) }), let b = g[2].flatMap({ Int($0) }) {
            if g[4] != nil {  // 3x45s: a timed hold
                r.sets = a
                r.notes.append("\(b) s")
            } else if a > 20 && g[3] == nil {  // 100x5: load x reps, one set
                r.weight = Double(a)
                r.reps = .exact(b)
                r.sets = 1
            } else {
                r.sets = a
                r.reps = g[3].flatMap { Int($0) }.map { .range(min: b, max: $0) } ?? .exact(b)
            }
            if let w = g[5].flatMap(decimal) {
                r.weight = w
                r.unit = g[6].map(unit)
            }
        } else if let g = setsOf.take(from: &work), let s = g[1].flatMap({ Int($0) }) {
            r.sets = s
            if let lo = g[2].flatMap({ Int($0) }) {
                r.reps = g[3].flatMap { Int($0) }.map { .range(min: lo, max: $0) } ?? .exact(lo)
            }
        }
        if r.reps == nil, let g = repsWord.take(from: &work), let lo = g[1].flatMap({ Int($0) }) {
            r.reps = g[2].flatMap { Int($0) }.map { .range(min: lo, max: $0) } ?? .exact(lo)
        }
        if r.reps == nil, r.sets == nil, let g = bareReps.take(from: &work), let n = g[1].flatMap({ Int($0) }) {
            r.reps = .exact(n)
        }
        if r.weight == nil || r.unit == nil, let g = weightUnit.take(from: &work), let w = g[1].flatMap(decimal) {
            r.weight = r.weight ?? w
            r.unit = g[2].map(unit)
        } else if r.weight == nil, let g = atWeight.take(from: &work), let w = g[1].flatMap(decimal) {
            r.weight = w
        }
        if let g = bodyweight.take(from: &work), let w = g[1] { r.notes.append(w.lowercased() == "bw" ? "bodyweight" : w.lowercased()) }
        if let g = perSide.take(from: &work), let w = g[1] { r.notes.append(w.lowercased()) }
        if r.sets == nil, r.reps == nil, let g = leading.take(from: &work), let n = g[1].flatMap({ Int($0) }) {
            r.leadingCount = n
        }
        r.name = cleanName(work)
        return r
    }

    static func cleanName(_ work: String) -> String {
        var s = fillerWords.replacingAll(in: " " + work + " ", with: " ")
        s = s.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        let edge = CharacterSet(charactersIn: " -–—:;,.@|/*•+&=_~")
        return s.trimmingCharacters(in: edge)
    }

    static func unit(_ raw: String) -> WeightUnit {
        raw.lowercased().hasPrefix("k") ? .kg : .lb
    }

    static func decimal(_ raw: String) -> Double? {
        Double(raw.replacingOccurrences(of: ",", with: "."))
    }

    static func seconds(minutes: String?, seconds: String?, amount: String?, unit: String?) -> Int? {
        if let m = minutes.flatMap({ Int($0) }), let s = seconds.flatMap({ Int($0) }) { return m * 60 + s }
        guard let v = amount.flatMap({ Double($0) }) else { return nil }
        let u = (unit ?? "").lowercased()
        if u.hasPrefix("m") || u == "'" { return Int(v * 60) }
        if u.isEmpty { return v <= 10 ? Int(v * 60) : Int(v) }  // "Rest 2" means minutes, "Rest 90" seconds
        return Int(v)
    }
}
