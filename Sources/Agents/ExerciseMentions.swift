import Vocabulary

/// Finds the exercises a chat message names, so the grounding computes facts for them (the
/// router decides who answers; this decides what the answer is about).
///
/// Names match as whole words with case and punctuation ignored (`ExerciseText.normalize`);
/// a name written with a parenthesised variant ("Bench Press (Barbell)") also matches without it
/// ("bench press"). Names shorter than 3 characters are ignored.
public enum ExerciseMentions {
    /// An exercise that may be named: its identity and every name it goes by.
    public struct Candidate: Sendable, Hashable {
        public var id: String
        public var names: [String]

        public init(id: String, names: [String]) {
            self.id = id
            self.names = names
        }
    }

    /// The ids of the candidates named in `message`, in order of first appearance (at the same
    /// position the longer name wins), at most `limit`.
    public static func find(in message: String, candidates: [Candidate], limit: Int) -> [String] {
        let text = " " + ExerciseText.normalize(message) + " "
        var found: [(position: Int, length: Int, id: String)] = []
        for candidate in candidates {
            var names = candidate.names.map(ExerciseText.normalize)
            names += candidate.names.compactMap { $0.split(separator: "(").first.map { ExerciseText.normalize(String($0)) } }
            let hits = names.filter { $0.count >= 3 }.compactMap { n in
                text.range(of: " \(n) ").map { (text.distance(from: text.startIndex, to: $0.lowerBound), n.count) }
            }
            if let best = hits.min(by: { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 > $1.1 }) {
                found.append((best.0, best.1, candidate.id))
            }
        }
        let ordered = found.sorted { $0.position != $1.position ? $0.position < $1.position : $0.length > $1.length }
        return Array(ordered.map(\.id).prefix(max(0, limit)))
    }
}
