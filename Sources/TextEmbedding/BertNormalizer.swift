import Foundation

/// The BERT uncased text normaliser and pre-tokeniser, matching the Rust `tokenizers`
/// `BertNormalizer(clean_text, handle_chinese_chars, strip_accents, lowercase)` and
/// `BertPreTokenizer` that sentence-transformers runs for all-MiniLM-L6-v2.
///
/// Everything works on Unicode scalars (code points), never on Swift `Character`s: the reference
/// counts, splits and lower-cases code points, and Swift's grapheme clusters and canonical
/// equivalence would merge what it keeps apart.
enum BertNormalizer {
    /// Normalises text, in this order:
    /// 1. clean: delete NUL, U+FFFD and every general-category C character except `\t \n \r`
    ///    (so U+200B and U+0085 disappear); map Unicode whitespace to a space;
    /// 2. put spaces around CJK ideographs (kana and hangul are not split);
    /// 3. strip accents: canonical decomposition (NFD), then drop non-spacing marks (Mn);
    /// 4. lower-case per scalar, without context (a word-final `Σ` becomes `σ`, not `ς`).
    static func normalize(_ text: Substring) -> String {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || isControl(scalar) { continue }
            if isWhitespace(scalar) {
                cleaned.append(" ")
            } else if isCJKIdeograph(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        let decomposed = String(cleaned).decomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            if scalar.properties.changesWhenLowercased {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Splits normalised text into words: spaces separate words, and every punctuation scalar
    /// is a word of its own. Each word is returned as its scalars.
    static func preTokenize(_ normalized: String) -> [[Unicode.Scalar]] {
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in normalized.unicodeScalars {
            if scalar == " " {  // normalize(_:) mapped all whitespace to a space
                if !current.isEmpty { words.append(current); current = [] }
            } else if isPunctuation(scalar) {
                if !current.isEmpty { words.append(current); current = [] }
                words.append([scalar])
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    // MARK: - Character classes

    /// General category C (Cc, Cf, Cs, Co, Cn), except `\t \n \r`, which count as whitespace.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r": return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    /// Space, `\t \n \r` and the separators Zs, Zl, Zp (NBSP, em space, U+3000, U+2028, ...).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r": return true
        default: break
        }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// ASCII punctuation in the C sense — including the symbols `$ + < = > ^ \` | ~` — and every
    /// Unicode P* scalar.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The "Chinese character" blocks of the original BERT tokenizer.
    static func isCJKIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
