import Foundation

/// Holds generated text back until a sentence is complete, reviews it (`ReplyEnforcer`) and
/// releases what may be shown, so removed text never reaches the client. Used for streamed and
/// whole replies alike, so both deliver the same text.
///
/// A sentence ends at `.`, `!` or `?` followed by whitespace, or at a line break; a full stop
/// between digits ("82.5") or after a one-letter or common abbreviation ("e.g.", "approx.")
/// does not end one. Text after the last boundary waits for more deltas or `finish()`.
struct SentenceGate {
    let enforcer: ReplyEnforcer
    /// Sentences already shown (the lead's included), for the cap.
    private(set) var shownSentences: Int
    private(set) var checks: [AnswerCheck] = []
    /// True once the cap was reached: the caller stops generating.
    private(set) var capped = false
    private var pending = ""
    /// Normalised sentences already shown, so a repeated sentence is dropped.
    private var seen: Set<String> = []
    private var shownAny = false

    init(enforcer: ReplyEnforcer, leadSentences: Int) {
        self.enforcer = enforcer
        self.shownSentences = leadSentences
        capped = enforcer.maxSentences.map { leadSentences >= $0 } ?? false
    }

    /// Adds a delta; returns the text that may be shown now (possibly empty).
    mutating func push(_ delta: String) -> String {
        guard !capped else { return "" }
        pending += delta
        var out = ""
        while !capped, let end = Self.boundary(in: pending) {
            let sentence = String(pending[..<end])
            pending = String(pending[end...])
            out += release(sentence)
        }
        return out
    }

    /// Records that generation was stopped at the cap with more to say.
    mutating func recordCut() {
        guard let cap = enforcer.maxSentences, !checks.contains(where: { $0.kind == "sentence_cap" }) else { return }
        checks.append(AnswerCheck(kind: "sentence_cap", message: "the reply was cut at \(cap) sentences", corrected: true))
    }

    /// Releases what is left at the end of generation.
    mutating func finish() -> String {
        guard !capped else { pending = ""; return "" }
        let rest = pending
        pending = ""
        guard !rest.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return "" }
        return release(rest)
    }

    private mutating func release(_ sentence: String) -> String {
        guard !sentence.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return sentence }
        if let cap = enforcer.maxSentences, shownSentences >= cap {
            capped = true
            recordCut()
            return ""
        }
        let (kept, found) = enforcer.review(sentence)
        checks += found
        guard var kept else { return "" }
        let key = ReplyEnforcer.normalized(kept)
        guard seen.insert(key).inserted else {
            checks.append(AnswerCheck(kind: "repeats_sentence", message: "removed a repeated sentence: \"\(kept.trimmingCharacters(in: .whitespacesAndNewlines))\"", corrected: true))
            return ""
        }
        shownSentences += 1
        // A removed sentence took its separator with it: keep sentences apart.
        if shownAny, let first = kept.first, !first.isWhitespace { kept = " " + kept }
        shownAny = true
        if let cap = enforcer.maxSentences, shownSentences >= cap { capped = true }
        return kept
    }

    /// The index just past the first complete sentence in `text` (its trailing space excluded).
    static func boundary(in text: String) -> String.Index? {
        var i = text.startIndex
        var sawContent = false
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if c == "\n" {
                if sawContent { return next }
            } else if !c.isWhitespace {
                sawContent = true
            }
            if ".!?".contains(c), sawContent {
                guard next < text.endIndex else { return nil }   // wait: "82." may become "82.5"
                if text[next].isWhitespace, !isAbbreviation(text[..<i]) { return next }
            }
            i = next
        }
        return nil
    }

    private static let abbreviations: Set<String> = ["e.g", "i.e", "approx", "vs", "etc", "min", "sec", "mr", "dr", "st"]

    static func isAbbreviation(_ before: Substring) -> Bool {
        let word = before.split(whereSeparator: { $0.isWhitespace }).last.map(String.init)?.lowercased() ?? ""
        return abbreviations.contains(word) || (word.count == 1 && word.first!.isLetter && word != "i" && word != "a")
    }

    /// How many sentences `text` holds.
    static func count(_ text: String) -> Int {
        var rest = Substring(text)
        var n = 0
        while let end = boundary(in: String(rest)) {
            let s = String(rest)
            if !s[..<end].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { n += 1 }
            rest = Substring(s[end...])
        }
        if !rest.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { n += 1 }
        return n
    }
}
