/// A ranked program template.
public struct ProgramRecommendation: Sendable, Hashable {
    public var template: ProgramTemplate
    /// 0–1: 0.7 × rules + 0.3 × similarity.
    public var score: Double
    /// 0–100 from goal (40), level (25), days per week (20), equipment (15).
    public var ruleScore: Double
    /// The similarity closure's value for profile and template text.
    public var similarity: Float
    public var reasons: [String]
}

/// Ranks program templates for a profile: rules first (goal, level, days per week, equipment),
/// then an injected text similarity (the daemon passes sentence-embedding cosine).
public struct ProgramRecommender: Sendable {
    public typealias Similarity = @Sendable (_ profileText: String, _ templateText: String) -> Float
    public let templates: [ProgramTemplate]
    let similarity: Similarity
    public var ruleWeight = 0.7

    public init(templates: [ProgramTemplate], similarity: @escaping Similarity) {
        self.templates = templates; self.similarity = similarity
    }

    /// The profile as the text compared with each template.
    public static func profileText(_ p: UserProfile) -> String {
        var s = "Goal: \(p.goal.rawValue.replacingOccurrences(of: "_", with: " ")). Level: \(p.experience). "
            + "\(p.daysPerWeek) days per week."
        if let eq = p.equipment { s += " Equipment: " + (eq.isEmpty ? "none (bodyweight)" : eq.sorted().joined(separator: ", ")) + "." }
        if !p.injuries.isEmpty { s += " Injuries: " + p.injuries.joined(separator: ", ") + "." }
        if !p.focusMuscles.isEmpty { s += " Focus: " + p.focusMuscles.map(\.rawValue).sorted().joined(separator: ", ") + "." }
        return s
    }

    /// Rule score 0–100 and its reasons.
    public static func ruleScore(_ t: ProgramTemplate, profile p: UserProfile) -> (Double, [String]) {
        var s = 0.0, reasons: [String] = []
        if t.goals.contains(p.goal) { s += 40; reasons.append("built for \(p.goal.rawValue.replacingOccurrences(of: "_", with: " "))") }
        else if p.goal == .generalFitness || t.goals.contains(.generalFitness) { s += 15 }
        if t.levels.contains(p.experience) { s += 25; reasons.append("written for \(p.experience) lifters") }
        else if t.levels.contains(where: { abs($0.rawValue - p.experience.rawValue) == 1 }) { s += 10 }
        if t.daysPerWeek.contains(p.daysPerWeek) { s += 20; reasons.append("\(p.daysPerWeek) days a week fits") }
        else {
            let miss = p.daysPerWeek < t.daysPerWeek.lowerBound ? t.daysPerWeek.lowerBound - p.daysPerWeek : p.daysPerWeek - t.daysPerWeek.upperBound
            s += max(0, 20 - 8 * Double(miss))
        }
        if let eq = p.equipment {
            let missing = t.equipment.subtracting(eq).subtracting(["body only"])
            if missing.isEmpty { s += 15 } else { reasons.append("needs " + missing.sorted().joined(separator: ", ")) }
        } else { s += 15 }
        return (s, reasons)
    }

    /// The top `k` templates.
    public func recommend(profile: UserProfile, k: Int = 3) -> [ProgramRecommendation] {
        let text = Self.profileText(profile)
        return templates.map { t in
            let (rules, reasons) = Self.ruleScore(t, profile: profile)
            let sim = similarity(text, t.text)
            let score = ruleWeight * rules / 100 + (1 - ruleWeight) * Double(max(0, min(1, sim)))
            return ProgramRecommendation(template: t, score: score, ruleScore: rules, similarity: sim, reasons: reasons)
        }
        .sorted { $0.score != $1.score ? $0.score > $1.score : $0.template.id < $1.template.id }
        .prefix(k).map { $0 }
    }
}
