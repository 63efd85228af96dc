/// GPT-2 byte-level BPE tokenizer built from a GGUF vocabulary (`tokenizer.ggml.model == "gpt2"`).
///
/// Encoding, as llama.cpp does with `parse_special = true` and no BOS:
/// 1. control tokens (token type 3, e.g. `<|im_start|>`) are matched in the raw text, longest
///    first, and become single ids;
/// 2. the rest is pre-tokenized (`smollm`: every digit alone, then the GPT-2 split; see
///    `BPETokenizer+PreTokenizer.swift`);
/// 3. each piece's UTF-8 bytes are mapped to GPT-2's printable characters and merged by rank
///    (`tokenizer.ggml.merges`, lower index first).
///
/// ```swift
/// let tokenizer = try BPETokenizer(file: GGUFFile(path: "models/SmolLM2-135M-Instruct.Q4_1.gguf"))
/// tokenizer.encode("185 lb")   // [33, 40, 37, 22185]: one token per digit, then " lb"
/// ```
public struct BPETokenizer: Sendable {
    /// Vocabulary strings, in GPT-2 byte-to-unicode form (`Ġ` is a space).
    public let tokens: [String]
    /// ggml token types (1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte).
    public let tokenTypes: [Int]
    public let eosToken: Int
    public let bosToken: Int?
    /// The pre-tokenizer name from the file (`smollm` or `gpt2`).
    public let preTokenizer: String
    /// Ids that end a turn: EOS and the end-of-text/end-of-turn control tokens.
    public let endOfGenerationTokens: Set<Int>

    let vocab: [String: Int]
    /// `(left << 32 | right)` → (rank, merged id).
    let merges: [UInt64: (rank: Int32, merged: Int32)]
    /// Id of the single-character token for each byte (-1 if the vocabulary lacks it).
    let byteTokens: [Int32]
    /// Control tokens as scalar arrays, longest first.
    let specials: [(scalars: [Unicode.Scalar], id: Int)]
    /// The bytes each token decodes to.
    let tokenBytes: [[UInt8]]

    public var vocabularySize: Int { tokens.count }

    /// Reads the vocabulary, types and merges from the file.
    /// - Throws: `LanguageModelError.unsupportedTokenizer` for other tokenizer models or
    ///   pre-tokenizers, `.missingMetadata` for absent keys.
    public init(file: GGUFFile) throws {
        let model = try file.string("tokenizer.ggml.model")
        guard model == "gpt2" else { throw LanguageModelError.unsupportedTokenizer("tokenizer model '\(model)' (only gpt2 byte-level BPE)") }
        let pre = file.metadata["tokenizer.ggml.pre"]?.string ?? "gpt2"
        guard ["smollm", "gpt2", "default"].contains(pre) else {
            throw LanguageModelError.unsupportedTokenizer("pre-tokenizer '\(pre)' (only smollm and gpt2)")
        }
        let tokens = try file.strings("tokenizer.ggml.tokens")
        let types = (try? file.ints("tokenizer.ggml.token_type")) ?? Array(repeating: 1, count: tokens.count)
        let merges = try file.strings("tokenizer.ggml.merges")
        try self.init(tokens: tokens, tokenTypes: types, merges: merges, preTokenizer: pre,
                      eosToken: file.int("tokenizer.ggml.eos_token_id"),
                      bosToken: file.metadata["tokenizer.ggml.bos_token_id"]?.int)
    }

    /// Builds a tokenizer from its parts (tests, other containers).
    public init(tokens: [String], tokenTypes: [Int], merges mergeList: [String], preTokenizer: String,
                eosToken: Int, bosToken: Int?) throws {
        guard tokenTypes.count == tokens.count else { throw LanguageModelError.unsupportedTokenizer("token_type has \(tokenTypes.count) entries for \(tokens.count) tokens") }
        self.tokens = tokens
        self.tokenTypes = tokenTypes
        self.eosToken = eosToken
        self.bosToken = bosToken
        self.preTokenizer = preTokenizer
        var vocab: [String: Int] = [:]
        vocab.reserveCapacity(tokens.count)
        for (i, t) in tokens.enumerated() where vocab[t] == nil { vocab[t] = i }
        self.vocab = vocab

        let encoder = Self.byteEncoder
        var byteTokens = [Int32](repeating: -1, count: 256)
        // Control bytes absent from the vocabulary stay -1: they merge with nothing and are
        // dropped from the output, as llama.cpp drops symbols it cannot map.
        for b in 0..<256 {
            if let id = vocab[String(Character(encoder[b]))] { byteTokens[b] = Int32(id) }
        }
        self.byteTokens = byteTokens

        var table: [UInt64: (rank: Int32, merged: Int32)] = [:]
        table.reserveCapacity(mergeList.count)
        for (rank, merge) in mergeList.enumerated() {
            guard let space = merge.firstIndex(of: " ") else { continue }
            let left = String(merge[..<space]), right = String(merge[merge.index(after: space)...])
            guard let l = vocab[left], let r = vocab[right], let m = vocab[left + right] else { continue }
            let key = UInt64(l) << 32 | UInt64(r)
            if table[key] == nil { table[key] = (Int32(rank), Int32(m)) }
        }
        self.merges = table

        let decoder = Self.byteDecoder
        tokenBytes = zip(tokens, tokenTypes).map { token, type in
            if type == 3 || type == 4 { return Array(token.utf8) }
            var bytes: [UInt8] = []
            for s in token.unicodeScalars {
                if let b = decoder[s] { bytes.append(b) } else { bytes.append(contentsOf: String(s).utf8) }
            }
            return bytes
        }
        specials = tokens.indices
            .filter { tokenTypes[$0] == 3 && !tokens[$0].isEmpty }
            .map { (Array(tokens[$0].unicodeScalars), $0) }
            .sorted { $0.scalars.count > $1.scalars.count }
        var ends: Set<Int> = [eosToken]
        for name in ["<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|end|>"] {
            if let id = vocab[name], tokenTypes[id] == 3 { ends.insert(id) }
        }
        endOfGenerationTokens = ends
    }

    /// The id of a vocabulary string (GPT-2 form), if present.
    public func id(of token: String) -> Int? { vocab[token] }

    /// Encodes `text` with control tokens recognised in it (`parseSpecial`) and no BOS.
    public func encode(_ text: String, parseSpecial: Bool = true) -> [Int] {
        let scalars = Array(text.unicodeScalars)
        var ids: [Int] = []
        var start = 0, i = 0
        if parseSpecial && !specials.isEmpty {
            while i < scalars.count {
                if let hit = specials.first(where: { matches($0.scalars, in: scalars, at: i) }) {
                    if start < i { encodeOrdinary(scalars[start..<i], into: &ids) }
                    ids.append(hit.id)
                    i += hit.scalars.count
                    start = i
                } else {
                    i += 1
                }
            }
        }
        if start < scalars.count { encodeOrdinary(scalars[start...], into: &ids) }
        return ids
    }

    /// The exact bytes of `ids` decoded as UTF-8 (a malformed sequence becomes U+FFFD).
    public func decode(_ ids: [Int]) -> String {
        String(decoding: bytes(of: ids), as: UTF8.self)
    }

    /// The raw bytes of `ids` (a token may hold part of a multi-byte character).
    public func bytes(of ids: [Int]) -> [UInt8] {
        ids.flatMap { $0 >= 0 && $0 < tokenBytes.count ? tokenBytes[$0] : [] }
    }

    /// The raw bytes of one token.
    public func bytes(of id: Int) -> [UInt8] {
        id >= 0 && id < tokenBytes.count ? tokenBytes[id] : []
    }

    /// Whether `id` is a control token (not text).
    public func isControl(_ id: Int) -> Bool { id >= 0 && id < tokenTypes.count && tokenTypes[id] == 3 }

    private func matches(_ needle: [Unicode.Scalar], in text: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + needle.count <= text.count, text[i] == needle[0] else { return false }
        for k in 1..<max(needle.count, 1) where text[i + k] != needle[k] { return false }
        return true
    }

    private func encodeOrdinary(_ scalars: ArraySlice<Unicode.Scalar>, into ids: inout [Int]) {
        for piece in preTokenize(Array(scalars)) {
            var utf8: [UInt8] = []
            for s in piece { utf8.append(contentsOf: String(s).utf8) }
            mergePiece(utf8, into: &ids)
        }
    }

    /// Standard BPE on one piece: repeatedly merge every occurrence of the lowest-ranked pair.
    private func mergePiece(_ bytes: [UInt8], into ids: inout [Int]) {
        var symbols = bytes.map { byteTokens[Int($0)] }
        while symbols.count > 1 {
            var best: (rank: Int32, merged: Int32)? = nil
            var bestKey: UInt64 = 0
            for k in 0..<symbols.count - 1 {
                let key = UInt64(UInt32(symbols[k])) << 32 | UInt64(UInt32(symbols[k + 1]))
                if let m = merges[key], best == nil || m.rank < best!.rank { best = m; bestKey = key }
            }
            guard let best else { break }
            var merged: [Int32] = []
            merged.reserveCapacity(symbols.count)
            var k = 0
            while k < symbols.count {
                if k + 1 < symbols.count, UInt64(UInt32(symbols[k])) << 32 | UInt64(UInt32(symbols[k + 1])) == bestKey {
                    merged.append(best.merged); k += 2
                } else {
                    merged.append(symbols[k]); k += 1
                }
            }
            symbols = merged
        }
        for s in symbols where s >= 0 { ids.append(Int(s)) }
    }
}

// MARK: - GPT-2 byte ↔ unicode mapping

extension BPETokenizer {
    /// GPT-2's reversible map from bytes to printable characters: printable Latin-1 bytes map
    /// to themselves, the others to U+0100 onwards in byte order.
    static let byteEncoder: [Unicode.Scalar] = {
        var printable = Array(33...126) + Array(161...172) + Array(174...255)
        var map = [Unicode.Scalar](repeating: " ", count: 256)
        for b in printable { map[b] = Unicode.Scalar(UInt32(b))! }
        var n: UInt32 = 0
        for b in 0..<256 where !printable.contains(b) {
            map[b] = Unicode.Scalar(256 + n)!
            n += 1
            printable.append(b)
        }
        return map
    }()

    static let byteDecoder: [Unicode.Scalar: UInt8] = {
        var map: [Unicode.Scalar: UInt8] = [:]
        for (b, s) in byteEncoder.enumerated() { map[s] = UInt8(b) }
        return map
    }()
}
