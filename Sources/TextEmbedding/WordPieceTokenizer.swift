import Foundation

/// The BERT uncased WordPiece tokenizer of all-MiniLM-L6-v2.
///
/// `encode` gives the model's input ids: `[CLS]`, the word pieces, `[SEP]`, truncated to
/// `maxLength` ids including `[CLS]` and `[SEP]` (sentence-transformers' `max_seq_length` 256,
/// not the 128 written in `tokenizer.json`).
///
/// ## `vocab.txt`
/// UTF-8 text, one token per line, separated by `\n`; a token's id is its 0-based line number.
/// Word-initial pieces are written as is (`squat`), continuation pieces with a `##` prefix
/// (`##s`). The special tokens `[PAD]`, `[UNK]`, `[CLS]`, `[SEP]` and `[MASK]` are ordinary lines
/// (ids 0, 100, 101, 102 and 103 in this model). A trailing newline after the last line is
/// allowed; if a token repeats, its last line wins (as in the reference).
///
/// Special tokens written in the input text (`"[CLS] hello"`) are matched verbatim before
/// normalisation and become their ids, as HF `tokenizers` does. This follows the reference
/// deliberately: the encoder only embeds text, so a user writing `[SEP]` merely changes their
/// own embedding.
struct WordPieceTokenizer: Sendable {
    /// Words longer than this many scalars become `[UNK]`.
    static let maxScalarsPerWord = 100

    let maxLength: Int
    let vocabularySize: Int
    let clsID: Int32, sepID: Int32, unkID: Int32, padID: Int32
    /// Token (as scalars, so that canonically equivalent spellings stay distinct) → id.
    private let vocabulary: [[Unicode.Scalar]: Int32]
    /// Special tokens present in the vocabulary, longest first.
    private let specials: [(scalars: [Unicode.Scalar], id: Int32)]

    init(vocabularyPath path: String, maxLength: Int = 256) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw TextEmbeddingError.missingFile(path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TextEmbeddingError.unreadableFile(path, error.localizedDescription)
        }
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var vocabulary: [[Unicode.Scalar]: Int32] = [:]
        vocabulary.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            guard let token = String(validating: line, as: UTF8.self) else {
                throw TextEmbeddingError.malformedVocabulary(path, "line \(index + 1) is not valid UTF-8")
            }
            vocabulary[Array(token.unicodeScalars)] = Int32(index)
        }
        func id(_ token: String) throws -> Int32 {
            guard let id = vocabulary[Array(token.unicodeScalars)] else {
                throw TextEmbeddingError.malformedVocabulary(path, "it has no \(token) token")
            }
            return id
        }
        self.clsID = try id("[CLS]")
        self.sepID = try id("[SEP]")
        self.unkID = try id("[UNK]")
        self.padID = try id("[PAD]")
        self.specials = ["[MASK]", "[PAD]", "[UNK]", "[CLS]", "[SEP]"]
            .compactMap { token in vocabulary[Array(token.unicodeScalars)].map { (Array(token.unicodeScalars), $0) } }
            .sorted { $0.scalars.count > $1.scalars.count }
        self.vocabulary = vocabulary
        self.vocabularySize = lines.count
        self.maxLength = maxLength
    }

    /// The input ids for one text: `[CLS]` pieces… `[SEP]`, at most `maxLength` ids.
    func encode(_ text: String) -> [Int32] {
        var ids: [Int32] = [clsID]
        let limit = maxLength - 1  // room for [SEP]
        segments: for segment in splitSpecialTokens(text) {
            switch segment {
            case .special(let id):
                ids.append(id)
            case .text(let range):
                for word in BertNormalizer.preTokenize(BertNormalizer.normalize(Substring(text.unicodeScalars[range]))) {
                    ids.append(contentsOf: wordPieces(word))
                    if ids.count >= limit { break segments }
                }
            }
            if ids.count >= limit { break }
        }
        if ids.count > limit { ids.removeLast(ids.count - limit) }
        ids.append(sepID)
        return ids
    }

    /// Greedy longest-match-first WordPiece; continuation pieces carry `##`. If any part of the
    /// word has no piece, the whole word is `[UNK]`.
    func wordPieces(_ word: [Unicode.Scalar]) -> [Int32] {
        if word.count > Self.maxScalarsPerWord { return [unkID] }
        var pieces: [Int32] = []
        var start = 0
        var candidate: [Unicode.Scalar] = []
        candidate.reserveCapacity(word.count + 2)
        while start < word.count {
            var end = word.count
            var match: Int32?
            while start < end {
                candidate.removeAll(keepingCapacity: true)
                if start > 0 { candidate.append(contentsOf: ["#", "#"]) }
                candidate.append(contentsOf: word[start..<end])
                if let id = vocabulary[candidate] {
                    match = id
                    break
                }
                end -= 1
            }
            guard let id = match else { return [unkID] }
            pieces.append(id)
            start = end
        }
        return pieces
    }

    private enum Segment {
        case special(Int32)
        case text(Range<String.UnicodeScalarView.Index>)
    }

    /// Cuts the raw text at special tokens written verbatim (case-sensitive).
    private func splitSpecialTokens(_ text: String) -> [Segment] {
        let scalars = text.unicodeScalars
        var segments: [Segment] = []
        var textStart = scalars.startIndex
        var i = scalars.startIndex
        outer: while i < scalars.endIndex {
            if scalars[i] == "[" {
                for special in specials where scalars[i...].starts(with: special.scalars) {
                    if textStart < i { segments.append(.text(textStart..<i)) }
                    segments.append(.special(special.id))
                    i = scalars.index(i, offsetBy: special.scalars.count)
                    textStart = i
                    continue outer
                }
            }
            i = scalars.index(after: i)
        }
        if textStart < scalars.endIndex { segments.append(.text(textStart..<scalars.endIndex)) }
        return segments
    }
}
