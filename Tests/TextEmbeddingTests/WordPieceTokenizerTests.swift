import Testing
@testable import TextEmbedding

@Suite struct WordPieceTokenizerTests {
    @Test func tokenize_referenceSentences_giveExactIDs() throws {
        let tokenizer = try Fixtures.tokenizer.get()
        #expect(Fixtures.vectors.sentences.count == 12)
        for sentence in Fixtures.vectors.sentences {
            #expect(tokenizer.encode(sentence.text).map(Int.init) == sentence.ids, "\(sentence.text.prefix(60))")
        }
    }

    @Test func tokenize_namedEdgeCases_giveExactIDs() throws {
        let tokenizer = try Fixtures.tokenizer.get()
        #expect(Fixtures.vectors.tokenizer_cases.count == 17)
        for testCase in Fixtures.vectors.tokenizer_cases {
            #expect(tokenizer.encode(testCase.text).map(Int.init) == testCase.ids,
                    "\(testCase.name ?? "") — \(testCase.text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func tokenize_extraEdgeStrings_giveExactIDs() throws {
        let tokenizer = try Fixtures.tokenizer.get()
        #expect(Fixtures.vectors.tokenizer_extra.count == 39)
        for testCase in Fixtures.vectors.tokenizer_extra {
            #expect(tokenizer.encode(testCase.text).map(Int.init) == testCase.ids,
                    "\(testCase.text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func tokenize_longText_truncatesTo256IncludingSpecialTokens() throws {
        let tokenizer = try Fixtures.tokenizer.get()
        let ids = tokenizer.encode(Array(repeating: "squat", count: 400).joined(separator: " "))
        #expect(ids.count == 256)
        #expect(ids.first == 101)
        #expect(ids.last == 102)
    }

    @Test func tokenize_asciiSymbols_areSeparateWords() throws {
        let tokenizer = try Fixtures.tokenizer.get()
        // "a+b" must split like "a + b": `+` is an ASCII symbol, punctuation for BERT.
        #expect(tokenizer.encode("a+b") == tokenizer.encode("a + b"))
    }

    @Test func tokenize_wordWithUnmatchablePiece_becomesOneUnknown() throws {
        let tokenizer = try Fixtures.tokenizer.get()
        #expect(tokenizer.encode("squat💪squat") == [101, 100, 102])
    }
}
