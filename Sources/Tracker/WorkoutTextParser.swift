import Foundation

/// Turns workout text, as people write it, into tracker entries.
///
/// Understands, line by line: `Bench Press 3x8 @ 80kg`, `Squat 5x5 100kg`, `3 sets of 10 push-ups`,
/// `Deadlift 140x5, 150x3, 160x1` (a ramp: sets 3, reps 1–5, top load 160), `8-12 reps`,
/// `RPE 8`, `2 RIR`, `kg`/`lb`/`lbs`, `Rest 90s` / `Rest 2 min` (inline, or on its own line, where it
/// applies to the entries above it in the same section that have none), supersets `A1.`/`A2.`
/// (group `A`), blocks opened by `Circuit x3 rounds:`, `EMOM 10 min:`, `AMRAP 12 min:` (group named
/// after the block; a circuit's rounds become sets; bare counts like `10 Burpees` are reps inside
/// a block), numbered and bulleted lists, headings (`Day 1 — Push`, `PULL DAY`, `Upper:`) which
/// become each entry's `section`, and phone-app layouts where the name and the numbers sit on
/// consecutive lines.
///
/// It never invents an entry: a line needs a plausible name (mostly letters) and a quantity;
/// dates, times, percentages and OCR debris are dropped first.
///
/// ```swift
/// let entries = WorkoutTextParser(matcher: nil).parse("Bench Press 3x8 @ 80kg")
/// // entries[0].sets == 3, .reps == .exact(8), .weight == 80, .unit == .kg
/// ```
public struct WorkoutTextParser: Sendable {
    public let matcher: (any ExerciseNameMatching)?

    public init(matcher: (any ExerciseNameMatching)?) {
        self.matcher = matcher
    }

    /// Parses plain text (each line fully trusted).
    public func parse(_ text: String) -> [TrackerEntry] {
        parse(lines: text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { TextLine(String($0)) })
    }

    /// Parses lines with per-line reader confidence (OCR), which scales each entry's confidence.
    public func parse(lines: [TextLine]) -> [TrackerEntry] {
        var state = ParseState()
        for line in lines {
            consume(line, into: &state)
        }
        return state.entries
    }

    private struct Block {
        var label: String
        var rounds: Int?
    }

    private struct ParseState {
        var entries: [TrackerEntry] = []
        var section: String?
        var sectionStart = 0
        var block: Block?
        /// A name-only line waiting for a numbers-only line below it (app screenshots).
        var pendingName: (line: TextLine, name: String, previousSection: String?)?
    }

    static let blockStart = TextPattern(#"^(circuit|superset|giant set|tri-?set|emom|e2mom|amrap|tabata|finisher|for time)\b(.*)$"#)
    static let rounds = TextPattern(#"(?:(\d+)\s*(?:rounds?|rds?)\b|\bx\s*(\d+)\b|\b(\d+)\s*x\b)"#)
    static let minutes = TextPattern(#"(\d+)\s*(?:min|mins|minutes|')"#)
    static let restLine = TextPattern(#"^\s*rest\b"#)

    private func consume(_ line: TextLine, into state: inout ParseState) {
        let original = line.text.trimmingCharacters(in: .whitespacesAndNewlines)
        var text = TextNormalizer.normalize(original)
        guard !text.isEmpty else { return }

        // Block headers: "Circuit x3 rounds:", "EMOM 10 min:", "AMRAP 12 min".
        if let g = Self.blockStart.firstMatch(in: text), let kind = g[1] {
            let rest = g[2] ?? ""
            // "x3 rounds", "10 min" describe the block; anything left may be an exercise on the same line.
            let remainder = Self.minutes.replacingAll(in: Self.rounds.replacingAll(in: rest, with: " "), with: " ")
            let reading = LineReader.read(remainder.replacingOccurrences(of: ":", with: " "))
            if !(reading.hasQuantity && reading.hasPlausibleName) {
                state.block = makeBlock(kind: kind, rest: rest)
                state.pendingName = nil
                return
            }
        }
        // A rest line on its own applies to the entries above it in this section without one.
        if Self.restLine.matches(text) {
            let reading = LineReader.read(text)
            if let seconds = reading.restSeconds, !(reading.hasQuantity && reading.hasPlausibleName) {
                for i in state.sectionStart..<state.entries.count where state.entries[i].restSeconds == nil {
                    state.entries[i].restSeconds = seconds
                }
                return
            }
        }

        var superset: String?
        if let g = TextNormalizer.supersetLabel.take(from: &text), let label = g[1] { superset = label.uppercased() }
        var reading = LineReader.read(text)
        reading.supersetLabel = superset

        if reading.leadingCount != nil, reading.sets == nil, reading.reps == nil {
            let known = matcher?.match(reading.name) != nil
            if state.block != nil || known {
                reading.reps = .exact(reading.leadingCount!)
            }
        }

        if reading.hasQuantity, !reading.hasPlausibleName, let pending = state.pendingName,
           reading.name.filter(\.isLetter).isEmpty {
            // "Bench Press" / "3 x 8 · 80 kg" on consecutive lines.
            reading.name = pending.name
            state.section = pending.previousSection
            let merged = TextLine(pending.line.text.trimmingCharacters(in: .whitespaces) + " — " + original,
                                  confidence: min(pending.line.confidence, line.confidence))
            state.pendingName = nil
            append(reading, line: merged, into: &state)
            return
        }
        state.pendingName = nil

        if reading.hasQuantity, reading.hasPlausibleName {
            append(reading, line: TextLine(original, confidence: line.confidence), into: &state)
            return
        }
        // Not an entry. A short, mostly-letters line is a heading (and maybe a name whose numbers follow).
        let heading = TextNormalizer.headingText(original)
        if !heading.isEmpty, LineReader.read(heading).hasPlausibleName, heading.split(separator: " ").count <= 6 {
            state.pendingName = (line, LineReader.cleanName(heading), state.section)
            state.section = heading
            state.sectionStart = state.entries.count
            state.block = nil
        }
    }

    private func makeBlock(kind: String, rest: String) -> Block {
        let k = kind.lowercased()
        let rounds = Self.rounds.firstMatch(in: rest).flatMap { g in (g[1] ?? g[2] ?? g[3]).flatMap { Int($0) } }
        let mins = Self.minutes.firstMatch(in: rest).flatMap { $0[1] }.flatMap { Int($0) }
        switch k {
        case "emom", "e2mom", "amrap", "tabata", "for time":
            let label = k == "for time" ? "For Time" : k.uppercased()
            return Block(label: mins.map { "\(label) \($0) min" } ?? label, rounds: nil)
        default:
            return Block(label: kind.prefix(1).uppercased() + kind.dropFirst().lowercased(), rounds: rounds)
        }
    }

    private func append(_ r: LineReading, line: TextLine, into state: inout ParseState) {
        var reading = r
        if reading.sets == nil, let rounds = state.block?.rounds { reading.sets = rounds }
        state.entries.append(entry(from: reading, content: line.text, confidence: line.confidence,
                                   group: r.supersetLabel ?? state.block?.label, section: state.section))
    }

    /// Builds an entry: matches the name and scores confidence (reader confidence, scaled down
    /// for a weak or missing name match and for missing reps).
    func entry(from r: LineReading, content: String, confidence readerConfidence: Double,
               group: String?, section: String?) -> TrackerEntry {
        let match = matcher?.match(r.name)
        var confidence = readerConfidence
        if let match { confidence *= max(0.5, match.score) } else if matcher != nil { confidence *= 0.7 }
        if r.reps == nil { confidence *= 0.85 }
        return TrackerEntry(
            content: content,
            exercise: ExerciseRef(id: match?.id, name: match?.name ?? r.name, matched: match != nil, asWritten: r.name),
            sets: r.sets, reps: r.reps, weight: r.weight, unit: r.unit, rpe: r.rpe, rir: r.rir,
            restSeconds: r.restSeconds, group: group, section: section,
            notes: r.notes.isEmpty ? nil : r.notes.joined(separator: "; "),
            confidence: (max(0, min(1, confidence)) * 100).rounded() / 100)
    }
}
