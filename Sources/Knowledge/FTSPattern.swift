/// Turns free text into a safe FTS5 MATCH expression: every word becomes a quoted string (so
/// FTS5 operators, column filters and quotes in user input are inert), joined with OR so BM25
/// ranks by how many and how rare the matching words are. Common English function words are
/// dropped; they only add noise to BM25.
enum FTSPattern {
    static func make(_ text: String) -> String? {
        let words = text.lowercased()
            .split { !($0.isLetter || $0.isNumber) }
            .map(String.init)
            .filter { !stopWords.contains($0) }
        var seen = Set<String>()
        let unique = words.filter { seen.insert($0).inserted }
        guard !unique.isEmpty else { return nil }
        return unique.map { "\"\($0)\"" }.joined(separator: " OR ")
    }

    static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "for", "to", "of", "in", "on", "at", "by", "with", "without",
        "my", "me", "i", "im", "you", "your", "is", "are", "be", "it", "its", "that", "this", "what",
        "which", "how", "do", "does", "can", "should", "some", "something", "any", "good", "best",
        "exercise", "exercises", "want", "need", "like", "from", "into", "so", "if", "when",
        "give", "show", "find", "there", "get", "have", "has", "more", "most", "very", "just",
    ]
}
