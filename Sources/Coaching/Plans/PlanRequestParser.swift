import Foundation

/// Reads a session request from a chat message, with plain word rules (no language model):
///
/// - `asksForSession`: the message asks for one session ("plan my workout for today", "a 45-minute
///   dumbbell-only session", "leg day, my knee hurts", "what should I train today?"), not a week or
///   a program ("plan my week", "a 12-week program" are not sessions).
/// - minutes: "45 minutes", "45-minute", "45 min", "an hour", "half an hour", "1.5 hours"
///   (clamped to 10–180).
/// - equipment: the kinds of equipment the message names ("dumbbell-only", "with a barbell",
///   "kettlebells", "bands", "no equipment"/"bodyweight" → body only); bodyweight exercises are
///   always allowed. Nil when none is named.
/// - muscles and split: "leg day"/"legs"/"lower body", "push", "pull", "upper body", "full body",
///   "chest", "back", "arms", "shoulders", "core"/"abs", "glutes", "hamstrings", "quads", "calves",
///   "biceps", "triceps".
/// - pain sites: in a clause that speaks of pain ("hurts", "pain", "injured", "tweaked", "sore",
///   "bad", "aching"), each body site `ContraindicationRules.site` recognises.
public enum PlanRequestParser {
    /// Whether `message` asks for one training session.
    public static func asksForSession(_ message: String) -> Bool {
        let s = " " + words(message).joined(separator: " ") + " "
        let multiDay = [" week ", " weeks ", " weekly ", " program ", " programme ", " month ", " months ", " split "]
        let sameDay = [" workout ", " session ", " today ", " tonight "]
        if multiDay.contains(where: s.contains), !sameDay.contains(where: s.contains) { return false }
        // Questions about sessions in general ("why is my workout so long?", "how many sessions…").
        let general = [" why ", " how long ", " how many ", " how often ", " is it ", " is a ", " are ", " does ", " do i need ",
                       " what is ", " what's ", " whats "]
        if general.contains(where: { s.hasPrefix($0) }) { return false }
        let asks = [" workout ", " workouts for today ", " session ", " leg day ", " push day ", " pull day ", " arm day ", " chest day ",
                    " back day ", " upper day ", " lower day ", " shoulder day ", " full body day ", " what should i train",
                    " what should i do today", " what do i do today", " routine for today ", " training for today ",
                    " train today "]
        return asks.contains(where: s.contains)
    }

    /// The request `message` makes (fields it does not mention are nil or empty).
    public static func parse(_ message: String) -> SessionPlanRequest {
        let w = words(message)
        let text = " " + w.joined(separator: " ") + " "
        let (muscles, split) = self.muscles(text)
        return SessionPlanRequest(minutes: minutes(w), equipment: equipment(text), muscles: muscles, split: split,
                                  painSites: painSites(message))
    }

    /// Lowercase words of letters, digits and dots ("45-minute" → "45", "minute").
    static func words(_ message: String) -> [String] {
        message.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "." || $0 == "'") }
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".'")) }.filter { !$0.isEmpty }
    }

    static func minutes(_ w: [String]) -> Int? {
        let text = " " + w.joined(separator: " ") + " "
        var found: Double?
        for (i, word) in w.enumerated() {
            guard let n = Double(word), i + 1 < w.count else { continue }
            let unit = w[i + 1]
            if ["min", "mins", "minute", "minutes"].contains(unit) { found = n; break }
            if ["h", "hr", "hrs", "hour", "hours"].contains(unit) { found = n * 60; break }
        }
        if found == nil {
            if text.contains(" half an hour ") || text.contains(" half hour ") { found = 30 }
            else if text.contains(" an hour and a half ") { found = 90 }
            else if text.contains(" an hour ") || text.contains(" one hour ") { found = 60 }
        }
        return found.map { Int(min(180, max(10, $0.rounded()))) }
    }

    /// The equipment the message names (`EquipmentMentions`, shared with the chat's equipment limit).
    static func equipment(_ text: String) -> Set<String>? { EquipmentMentions.kinds(inPadded: text) }

    static let muscleWords: [(forms: [String], muscles: [Muscle], split: String?)] = [
        ([" leg day ", " legs ", " leg ", " lower body ", " lower day "], [.quadriceps, .hamstrings, .glutes, .calves], "legs"),
        ([" push day ", " push workout ", " push session "], [.chest, .shoulders, .triceps], "push"),
        ([" pull day ", " pull workout ", " pull session "], [.lats, .middleBack, .biceps], "pull"),
        ([" upper body ", " upper day "], [.chest, .lats, .middleBack, .shoulders, .biceps, .triceps], "upper"),
        ([" full body ", " full-body ", " total body "], [.quadriceps, .hamstrings, .glutes, .chest, .lats, .middleBack, .shoulders], "full body"),
        ([" chest ", " pecs "], [.chest], nil),
        ([" back day ", " back and ", " and back ", " back workout ", " back session "], [.lats, .middleBack], nil),
        ([" arms ", " arm day ", " arm "], [.biceps, .triceps], nil),
        ([" shoulders ", " shoulder day ", " delts "], [.shoulders], nil),
        ([" core ", " abs ", " abdominals "], [.abdominals], nil),
        ([" glutes ", " glute "], [.glutes], nil),
        ([" hamstrings ", " hamstring "], [.hamstrings], nil),
        ([" quads ", " quad ", " quadriceps "], [.quadriceps], nil),
        ([" calves ", " calf "], [.calves], nil),
        ([" biceps "], [.biceps], nil),
        ([" triceps "], [.triceps], nil),
    ]

    static func muscles(_ text: String) -> (Set<Muscle>, String?) {
        var muscles = Set<Muscle>(), split: String?
        for entry in muscleWords where entry.forms.contains(where: text.contains) {
            // A body part named as hurting ("my shoulder hurts") is not a muscle to train.
            if entry.split == nil, entry.forms.contains(where: { f in painWords.contains { text.contains(f + $0 + " ") } }) { continue }
            muscles.formUnion(entry.muscles)
            if split == nil { split = entry.split }
        }
        return (muscles, split)
    }

    static let painWords = ["hurts", "hurt", "hurting", "pain", "painful", "injured", "injury", "tweaked", "sore", "bad",
                            "aching", "aches", "achy", "strained", "sprained", "niggle", "twinge", "discomfort"]

    static func painSites(_ message: String) -> [String] {
        var sites: [String] = []
        let clauses = message.lowercased().split { ",;.!?\n".contains($0) }.flatMap { $0.components(separatedBy: " but ") }
        for clause in clauses {
            let w = words(clause)
            guard w.contains(where: { painWords.contains($0) }) || clause.contains("is killing me") else { continue }
            for word in w where !painWords.contains(word) {
                if let s = ContraindicationRules.site(word), !sites.contains(s) { sites.append(s) }
            }
        }
        return sites
    }
}
