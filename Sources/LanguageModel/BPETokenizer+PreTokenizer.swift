/// The pre-tokenizer: splits text into pieces that BPE merges independently.
///
/// `gpt2` is a hand-written equivalent of the GPT-2 regex
/// `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
/// (contractions are case-sensitive; only an ASCII space attaches to the next word; a run of
/// whitespace leaves its last character to prefix the next word). `smollm` first isolates
/// every number character, then applies the GPT-2 split to each part, so `" 185"` becomes
/// `" "`, `"1"`, `"8"`, `"5"`. Works on Unicode scalars, as the regex does.
extension BPETokenizer {
    func preTokenize(_ text: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        guard preTokenizer == "smollm" else { return Self.gpt2Split(text[...]) }
        var out: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        for (i, c) in text.enumerated() where Self.isNumber(c) {
            if start < i { out.append(contentsOf: Self.gpt2Split(text[start..<i])) }
            out.append(text[i...i])
            start = i + 1
        }
        if start < text.count { out.append(contentsOf: Self.gpt2Split(text[start...])) }
        return out
    }

    static func gpt2Split(_ text: ArraySlice<Unicode.Scalar>) -> [ArraySlice<Unicode.Scalar>] {
        var out: [ArraySlice<Unicode.Scalar>] = []
        var i = text.startIndex
        let n = text.endIndex
        while i < n {
            let c = text[i]
            if c == "'" && i + 1 < n {
                let c1 = text[i + 1]
                if i + 2 < n {
                    let c2 = text[i + 2]
                    if (c1 == "r" && c2 == "e") || (c1 == "v" && c2 == "e") || (c1 == "l" && c2 == "l") {
                        out.append(text[i..<i + 3]); i += 3; continue
                    }
                }
                if c1 == "s" || c1 == "t" || c1 == "m" || c1 == "d" {
                    out.append(text[i..<i + 2]); i += 2; continue
                }
            }
            let j = (c == " " && i + 1 < n && !isSpace(text[i + 1])) ? i + 1 : i
            let d = text[j]
            if isLetter(d) {
                var k = j
                while k < n && isLetter(text[k]) { k += 1 }
                out.append(text[i..<k]); i = k; continue
            }
            if isNumber(d) {
                var k = j
                while k < n && isNumber(text[k]) { k += 1 }
                out.append(text[i..<k]); i = k; continue
            }
            if !isSpace(d) {
                var k = j
                while k < n && !(isSpace(text[k]) || isLetter(text[k]) || isNumber(text[k])) { k += 1 }
                out.append(text[i..<k]); i = k; continue
            }
            var k = i
            while k < n && isSpace(text[k]) { k += 1 }
            if k < n && k - i > 1 { k -= 1 }
            out.append(text[i..<k]); i = k
        }
        return out
    }

    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isNumber(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return c >= "0" && c <= "9" }
        switch c.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// Python's `str.isspace`: Unicode White_Space plus the information separators U+001C–U+001F.
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return c == " " || (c.value >= 9 && c.value <= 13) || (c.value >= 0x1C && c.value <= 0x1F) }
        return c.properties.isWhitespace
    }
}
