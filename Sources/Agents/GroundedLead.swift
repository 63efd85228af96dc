import Foundation

/// The opening of a reply when the grounding holds a decision for the question: one or two
/// sentences taken from the facts' `advice` (written by the models that made the decision, in
/// plain words), chosen by what the message asks. The model then continues from it (the lead is
/// given as the start of the assistant turn), so a small model phrases around a decision instead
/// of inventing one.
///
/// Which decision leads, in order (at most `maxSentences` facts):
/// 1. `safety` — pain or feeling unwell: stop and see a professional;
/// 2. `recovery`, when it says deload or rest and the message asks about training now or a load;
/// 3. `overload` — the next load for the exercises the message names, when it asks about load,
///    about training now, or names them with a plan question;
/// 4. `progress` for progress questions; `volume` and `consistency` for theirs (a motivation
///    message after missed sessions leads with consistency);
/// 5. `recovery` when the message asks about readiness and recovery is fine.
public enum GroundedLead {
    public static func compose(intent: MessageIntent, facts: [GroundingFact], maxFacts: Int = 2) -> String? {
        var chosen: [GroundingFact] = []
        func take(_ candidates: [GroundingFact]) {
            for fact in candidates where chosen.count < maxFacts && fact.advice != nil && !chosen.contains(fact) {
                chosen.append(fact)
            }
        }
        let advised = facts.filter { $0.advice?.isEmpty == false }
        let poorRecovery = advised.first { $0.kind == "recovery" && $0.isRestDecision }
        take(advised.filter { $0.kind == "safety" })
        if let poorRecovery, !intent.isDisjoint(with: [.readiness, .load, .plan]) { take([poorRecovery]) }
        if !intent.isDisjoint(with: [.load, .readiness]) || (intent.contains(.plan) && !intent.contains(.progress)) {
            // With poor recovery the overload facts already say deload; one decision is enough.
            if poorRecovery == nil || !chosen.contains(poorRecovery!) { take(advised.filter { $0.kind == "overload" }) }
        }
        if intent.contains(.progress) { take(advised.filter { $0.kind == "progress" }) }
        if intent.contains(.volume) { take(advised.filter { $0.kind == "volume" }) }
        if !intent.isDisjoint(with: [.consistency, .motivation]) { take(advised.filter { $0.kind == "consistency" }) }
        if intent.contains(.readiness) { take(advised.filter { $0.kind == "recovery" }) }
        guard !chosen.isEmpty else { return nil }
        return chosen.compactMap(\.advice).map(Self.sentence).joined(separator: " ")
    }

    /// `text` ending with sentence punctuation.
    static func sentence(_ text: String) -> String {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = t.last, !".!?".contains(last) else { return t }
        return t + "."
    }
}

extension GroundingFact {
    /// A recovery or overload fact whose decision is to deload or rest.
    var isRestDecision: Bool {
        let t = (advice ?? text).lowercased()
        return t.contains("deload") || t.contains("rest") || t.contains("lighter") || t.contains("back off")
    }
}
