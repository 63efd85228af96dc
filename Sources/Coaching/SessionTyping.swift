import Foundation

/// Types logged sessions and days as the next-workout model's 7 classes, from Coaching's own types.
///
/// - A session's title keyword decides first (swim → swimming; cycle, bike, spin, ride → cycling;
///   yoga, pilates, mobility, stretch → yoga; HIIT, interval, tabata, circuit, metcon, crossfit,
///   bootcamp, EMOM, AMRAP → HIIT; run, jog, walk, cardio, treadmill, elliptical, rowing, erg → cardio).
/// - Otherwise each exercise votes: the same keywords on its name; else `category(exerciseId)` when
///   the caller knows it (cardio → cardio, stretching → yoga, plyometrics → HIIT, others strength);
///   else strength when a set has reps or load, cardio when sets carry only distance or duration
///   (a Hevy/Strong "Running" entry). Most votes wins; ties go to strength.
/// - A day with no session is rest; a day with several takes the most frequent session type
///   (ties: strength, HIIT, cardio, cycling, swimming, yoga). Days are calendar days in `calendar`
///   (UTC by default).
public enum SessionTyping {
    static let keywords: [(WorkoutType, Set<String>)] = [
        (.swimming, ["swim", "swimming", "pool", "laps"]),
        (.cycling, ["cycle", "cycling", "bike", "biking", "spin", "ride", "peloton"]),
        (.yoga, ["yoga", "pilates", "mobility", "stretch", "stretching"]),
        (.hiit, ["hiit", "interval", "intervals", "tabata", "circuit", "metcon", "crossfit", "bootcamp", "emom", "amrap"]),
        (.cardio, ["run", "running", "jog", "jogging", "walk", "walking", "cardio", "treadmill", "elliptical", "rowing", "erg", "stairmaster"]),
    ]
    static let tieOrder: [WorkoutType] = [.strength, .hiit, .cardio, .cycling, .swimming, .yoga]

    /// The type a text's whole words point to, or nil ("Barbell Row" is not rowing).
    public static func keywordType(_ text: String) -> WorkoutType? {
        let words = Set(text.lowercased().split { !$0.isLetter }.map(String.init))
        return keywords.first { !words.isDisjoint(with: $0.1) }?.0
    }

    /// The type of one session.
    public static func type(of s: WorkoutSession, category: (String) -> String? = { _ in nil }) -> WorkoutType {
        if let t = keywordType(s.title) { return t }
        let votes = s.exercises.map { e -> WorkoutType in
            if let t = keywordType(e.loggedName) ?? keywordType(e.name) { return t }
            switch category(e.exerciseId) {
            case "cardio": return .cardio
            case "stretching": return .yoga
            case "plyometrics": return .hiit
            case .some: return .strength
            case nil: break
            }
            let lifted = e.sets.contains { $0.reps > 0 || ($0.weightKg ?? 0) > 0 }
            let moved = e.sets.contains { ($0.distanceMeters ?? 0) > 0 || ($0.durationSeconds ?? 0) > 0 }
            return !lifted && moved ? .cardio : .strength
        }
        return mostVoted(votes) ?? .strength
    }

    static func mostVoted(_ votes: [WorkoutType]) -> WorkoutType? {
        guard !votes.isEmpty else { return nil }
        var counts: [WorkoutType: Int] = [:]
        for v in votes { counts[v, default: 0] += 1 }
        let best = counts.values.max()!
        return tieOrder.first { counts[$0] == best }
    }

    /// One type per calendar day from the day of `from` to the day of `through` (inclusive), oldest first.
    public static func days(_ sessions: [WorkoutSession], from: Date, through: Date, calendar: Calendar = utc,
                            category: (String) -> String? = { _ in nil }) -> [WorkoutType] {
        let first = calendar.startOfDay(for: from), last = calendar.startOfDay(for: through)
        guard first <= last else { return [] }
        let count = (calendar.dateComponents([.day], from: first, to: last).day ?? 0) + 1
        var votes = [[WorkoutType]](repeating: [], count: count)
        for s in sessions {
            let d = calendar.dateComponents([.day], from: first, to: calendar.startOfDay(for: s.date)).day ?? -1
            if d >= 0 && d < count { votes[d].append(type(of: s, category: category)) }
        }
        return votes.map { mostVoted($0) ?? .rest }
    }

    /// The Gregorian calendar in UTC.
    public static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}
