import Foundation

/// What a chat message asks about, read from its words (no model): it decides which grounding
/// facts go into the prompt, which fact opens the reply (`GroundedLead`) and what the context
/// block keeps in the compact prompt profile.
///
/// A message may have several intents ("my knee hurts, should I squat heavy today?" is `pain`
/// and `readiness`). Matching is case-insensitive on whole words; the patterns are deliberately
/// plain so the behaviour can be read here:
///
/// | intent | e.g. |
/// |---|---|
/// | `pain` | sharp pain, hurts, injured, tweaked, dizzy, chest pain |
/// | `readiness` | should I go heavy / train / skip today, I slept 4 hours, I feel wrecked |
/// | `load` | what weight next, how much should I lift, next bench day, felt easy |
/// | `progress` | how has my squat progressed, am I getting stronger, PRs, e1RM |
/// | `volume` | volume, sets per muscle, am I training legs enough |
/// | `consistency` | how consistent, sessions per week, missed, skipped weeks |
/// | `plan` | plan / program / session / workout for today, what should I train |
/// | `motivation` | unmotivated, lazy, can't be bothered, missed two weeks, proud, PR! |
/// | `celebration` | "I just pulled 225 for the first time!", "new PR!" |
public struct MessageIntent: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let pain = MessageIntent(rawValue: 1 << 0)
    public static let readiness = MessageIntent(rawValue: 1 << 1)
    public static let load = MessageIntent(rawValue: 1 << 2)
    public static let progress = MessageIntent(rawValue: 1 << 3)
    public static let volume = MessageIntent(rawValue: 1 << 4)
    public static let consistency = MessageIntent(rawValue: 1 << 5)
    public static let plan = MessageIntent(rawValue: 1 << 6)
    public static let motivation = MessageIntent(rawValue: 1 << 7)
    public static let celebration = MessageIntent(rawValue: 1 << 8)

    /// Names for logs and tests, in declaration order.
    public var names: [String] {
        Self.table.filter { contains($0.intent) }.map(\.name)
    }

    /// The intents `message` expresses.
    public static func of(_ message: String) -> MessageIntent {
        let range = NSRange(message.startIndex..., in: message)
        var intent: MessageIntent = []
        for entry in table where entry.pattern.firstMatch(in: message, range: range) != nil {
            intent.insert(entry.intent)
        }
        return intent
    }

    /// Sharp pain, injury or feeling unwell: the reply must tell the lifter to stop and see a professional.
    public var needsCare: Bool { contains(.pain) }

    private struct Entry: @unchecked Sendable {   // NSRegularExpression is immutable and thread-safe
        let intent: MessageIntent
        let name: String
        let pattern: NSRegularExpression
    }

    private static func entry(_ intent: MessageIntent, _ name: String, _ pattern: String) -> Entry {
        Entry(intent: intent, name: name, pattern: try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive]))
    }

    private static let table: [Entry] = [
        entry(.pain, "pain", #"\b(pain|painful|sharp|hurts?|hurting|injur(y|ed|ies)|tweak(ed)?|twinges?|pulled (a |my )?(muscle|hamstring|groin|calf|back|quad|pec|something)|pops?|popped|sprain(ed)?|strain(ed)?|numb(ness)?|tingl\w*|dizzy|dizziness|faint(ed)?|chest (pain|tight\w*)|swollen|swelling)\b"#),
        entry(.readiness, "readiness", #"\b((go|going|train|training|lift|lifting|push) (heavy|hard)|should i (still )?(train|lift|go|work ?out|skip|rest|push|attempt|try|max)|skip (today|the gym|training|my workout)|rest day|slept|sleep|sore(ness)?|tired|exhausted|wrecked|drained|fatigued?|burn(ed|t)? out|beat up|beaten up|run down|worn out|stress(ed|ful)?|crushing me|swamped|overwhelmed|push my \w+ anyway|today|tonight)\b"#),
        entry(.load, "load", #"\b(how (do|should|can) i (progress|get stronger|increase|improve|build)|keep adding|adding weight|what now|what next|what should i do|next step|grinding|missing reps|missed reps|failed|stall\w*|(at|with|benched|squatted|deadlifted|pressed|lifted|pulled|hit|did|got|for) \d{2,4}(\.\d+)?|what weight|how (much|heavy)|which weight|next (session|time|week|workout|bench|squat|deadlift|press|day|set)|add (weight|load|\d)|increase|go up|bump|felt (easy|light|heavy|hard)|too (easy|light|heavy)|load|top set|working weight|\d+(\.\d+)? ?(kg|kgs|lbs?|pounds?|kilos?))\b"#),
        entry(.progress, "progress", #"\b(progress\w*|stronger|weaker|improv\w*|gone up|went up|going up|hasn'?t (moved|budged|gone up)|not (moving|budging)|stuck|plateau\w*|trend\w*|e1rm|one[- ]rep[- ]max|1rm|prs|personal (record|best)s|over the (last|past)|since|compared?|months?|heaviest|best)\b"#),
        entry(.volume, "volume", #"\b(volume|sets per|how many sets|undertrain\w*|overtrain\w*|neglect\w*|enough (legs|chest|back|arms|shoulders|volume)|muscle groups?|balance[d]?)\b"#),
        entry(.consistency, "consistency", #"\b(consisten\w*|how (often|many (sessions|workouts|times))|per week|a week|missed|skipp\w*|streak|attendance|showed up)\b"#),
        entry(.plan, "plan", #"\b(plan|fit (it )?in(to)?|my week|weekly|(twice|\w+ times) a week|program(me)?|routine|split|session|workout (for|plan)|what (should|can|do) i (train|do|lift)|design|build me|write me|give me a|template|dumbbell[- ]only|home workout|minutes?|min)\b"#),
        entry(.celebration, "celebration", #"\b(new (pr|personal (record|best))|first time|finally|beat my|crushed|nailed|smashed|hit (a |my )?(pr|personal)|just (pulled|hit|benched|squatted|deadlifted|pressed|did|got))\b[^?]*!"#),
        entry(.motivation, "motivation", #"\b((un)?motivat\w*|lazy|can'?t be bothered|don'?t feel like|give up|quit\w*|guilty|proud|nervous|scared|anxious|bored|discouraged|behind|fell off|back on track|!\s*$)"#),
    ]
}
