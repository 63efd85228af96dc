import Testing
@testable import LanguageModel

@Suite struct TokenizerTests {
    let vectors = ReferenceVectors.shared

    @Test func encode_everyReferenceCase_givesLlamaCppIds() throws {
        let tokenizer = try BPETokenizer(file: RepositoryFiles.loadFile())
        for c in vectors.tokenizer {
            #expect(tokenizer.encode(c.text) == c.ids, "case \(c.name ?? c.text)")
            if let pieces = c.pieces {
                #expect(c.ids.map { tokenizer.tokens[$0] } == pieces, "pieces of \(c.name ?? c.text)")
            }
        }
    }

    @Test func encode_everyExtraEdgeString_givesLlamaCppIds() throws {
        let tokenizer = try BPETokenizer(file: RepositoryFiles.loadFile())
        #expect(vectors.tokenizer_extra.count == 66)
        for c in vectors.tokenizer_extra {
            #expect(tokenizer.encode(c.text) == c.ids, "text \(c.text.debugDescription)")
        }
    }

    @Test func decode_roundTripsEveryCase() throws {
        let tokenizer = try BPETokenizer(file: RepositoryFiles.loadFile())
        for c in vectors.tokenizer + vectors.tokenizer_extra {
            #expect(tokenizer.decode(c.ids) == c.text, "text \(c.text.debugDescription)")
        }
    }

    @Test func encode_numbers_splitsEveryDigitAndTheSpaceBefore() throws {
        let tokenizer = try BPETokenizer(file: RepositoryFiles.loadFile())
        let ids = tokenizer.encode("185 lb")
        #expect(ids.map { tokenizer.tokens[$0] } == ["1", "8", "5", "Ġlb"])
    }

    @Test func encode_unterminatedControlToken_isOrdinaryText() throws {
        let tokenizer = try BPETokenizer(file: RepositoryFiles.loadFile())
        #expect(tokenizer.encode("<|im_start|>") == [1])
        #expect(!tokenizer.encode("<|im_start").contains(1))
        #expect(tokenizer.encode("<|im_start|>", parseSpecial: false) != [1])
    }

    @Test func streamDecoder_holdsBackPartialCharacters() {
        var decoder = UTF8StreamDecoder()
        let muscle = Array("💪é".utf8)   // F0 9F 92 AA C3 A9
        #expect(decoder.append(Array(muscle[0..<2])) == "")
        #expect(decoder.append(Array(muscle[2..<5])) == "💪")
        #expect(decoder.append([muscle[5]]) == "é")
        #expect(decoder.append(Array("ok".utf8)) == "ok")
        #expect(decoder.append([0xE2, 0x82]) == "")
        #expect(decoder.finish() == "\u{FFFD}")
    }

    @Test func streamDecoder_tokenByToken_rebuildsEmojiText() throws {
        let tokenizer = try BPETokenizer(file: RepositoryFiles.loadFile())
        let text = "Leg day 💪🏽 and café ☕️"
        let ids = tokenizer.encode(text)
        var decoder = UTF8StreamDecoder()
        var pieces: [String] = []
        for id in ids { pieces.append(decoder.append(tokenizer.bytes(of: id))) }
        pieces.append(decoder.finish())
        #expect(pieces.joined() == text)
        #expect(!pieces.contains { $0.unicodeScalars.contains("\u{FFFD}") })
    }
}

@Suite struct ChatTemplateTests {
    @Test func render_referenceCases_matchJinjaTextAndIds() throws {
        let file = try RepositoryFiles.loadFile()
        let template = try ChatTemplate(file: file)
        let tokenizer = try BPETokenizer(file: file)
        for c in ReferenceVectors.shared.chat_template {
            let text = template.render(c.messages.map(\.chatMessage), addGenerationPrompt: c.add_generation_prompt)
            #expect(text == c.rendered_text, "case \(c.name)")
            #expect(tokenizer.encode(text) == c.ids, "ids of \(c.name)")
        }
    }

    @Test func render_withoutSystemMessage_insertsSmolLMDefault() throws {
        let template = try ChatTemplate(file: RepositoryFiles.loadFile())
        #expect(template.defaultSystemPrompt == "You are a helpful AI assistant named SmolLM, trained by Hugging Face")
        #expect(template.render([.user("Hi")]) ==
            "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n")
    }
}
