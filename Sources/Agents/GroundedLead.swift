import Foundation

/// The opening of a reply when the grounding holds a decision for the question: one or two
/// sentences taken from the facts' `advice` (written by the models that made the decision, in
/// plain words), chosen by what the message asks. The model then continues from it (the lead is
/// given as the start of the assistant turn), so a small model phrases around a decision instead
/// of inventing one.
///
/// Which decision leads, in order (at most `maxSentences` facts):
/// 1. `safety` — pain or feeling unwell: stop and see a professional;
/// 2. `recovery`, when it says deload or rest and the message asks about training now, a load or
///    a plan — then it is the whole lead (with the safety advice, if any);
/// 3. `overload` — the next load for the exercises the message names, when it asks about load,
///    about training now, or names them with a plan question;
/// 4. `progress` for progress questions; `volume` and `consistency` for theirs (a motivation
///    message after missed sessions leads with consistency);
/// 5. `recovery` when the message asks about readiness and recovery is fine.
///
/// Explanations of the app's terms (`explanation`) follow safety; an `injury` from the profile
/// comes before load and plan decisions; `program` answers plan questions about weeks and
/// programs. A celebration opens with "Well done!".
public enum GroundedLead {
    public static func compose(intent: MessageIntent, facts: [GroundingFact], maxFacts: Int = 2) -> String? {
        var chosen: [GroundingFact] = []
        func take(_ candidates: [GroundingFact]) {
            for fact in candidates where chosen.count < maxFacts && fact.advice != nil && !chosen.contains(fact) {
                chosen.append(fact)
            }
        }
        let advised = facts.filter { $0.advice?.isEmpty == false }
        // One rest decision leads: reported fatigue (a deload week), then poor sleep or soreness
        // (rest or go lighter), then holds for a calorie deficit or stress.
        let rests = advised.filter { $0.kind == "recovery" && $0.isRestDecision }
        let order = ["recovery:fatigue", "recovery", "recovery:deficit", "recovery:stress"]
        let poorRecovery = rests.min { (order.firstIndex(of: $0.id) ?? order.count) < (order.firstIndex(of: $1.id) ?? order.count) }
        take(advised.filter { $0.kind == "safety" })
        take(advised.filter { $0.kind == "explanation" })
        if !intent.isDisjoint(with: [.load, .plan, .readiness]) { take(advised.filter { $0.kind == "injury" }) }
        take(advised.filter { $0.kind == "plan" })   // present only when the Planner was asked for a session
        if let poorRecovery, !intent.isDisjoint(with: [.readiness, .load, .plan]) {
            take([poorRecovery])
            // Rest is the decision: nothing else leads beside it.
            return chosen.compactMap(\.advice).map(Self.sentence).joined(separator: " ")
        }
        if intent.contains(.celebration) { take(advised.filter { $0.kind == "progress" }) }
        else if !intent.isDisjoint(with: [.load, .readiness]) || (intent.contains(.plan) && !intent.contains(.progress)) {
            // With poor recovery the overload facts already say deload; one decision is enough.
            if poorRecovery == nil || !chosen.contains(poorRecovery!) { take(advised.filter { $0.kind == "overload" }) }
        }
        if intent.contains(.progress), !intent.contains(.load) { take(advised.filter { $0.kind == "progress" }) }
        if intent.contains(.plan) { take(advised.filter { $0.kind == "program" }) }
        if intent.contains(.volume) { take(advised.filter { $0.kind == "volume" }) }
        if !intent.isDisjoint(with: [.consistency, .motivation]) { take(advised.filter { $0.kind == "consistency" }) }
        if intent.contains(.readiness) { take(advised.filter { $0.kind == "recovery" }) }
        let text = chosen.compactMap(\.advice).map(Self.sentence).joined(separator: " ")
        if intent.contains(.celebration), !intent.contains(.pain) {
            return text.isEmpty ? "Well done, that's a real milestone!" : "Well done! " + text
        }
        return text.isEmpty ? nil : text
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
        return t.contains("deload") || t.contains("rest") || t.contains("lighter") || t.contains("back off") || t.contains("hold your loads")
    }
}
