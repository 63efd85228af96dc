import Foundation

/// The ChatML chat format used by SmolLM2 and Qwen2, rendered exactly as the jinja template
/// in their GGUF files does:
/// ```
/// <|im_start|>system\n{system}<|im_end|>\n      (a default system turn when the first message is not a system message)
/// <|im_start|>{role}\n{content}<|im_end|>\n     (each message, few-shot turns included)
/// <|im_start|>assistant\n                        (the generation prompt)
/// ```
public struct ChatTemplate: Sendable, Equatable {
    /// The system turn inserted when the conversation has none (`nil`: none is inserted).
    public var defaultSystemPrompt: String?

    public init(defaultSystemPrompt: String?) {
        self.defaultSystemPrompt = defaultSystemPrompt
    }

    /// Reads the default system prompt out of `tokenizer.chat_template`, if the template
    /// inserts one (`'<|im_start|>system\n…<|im_end|>` under a "no system message" branch).
    /// - Throws: `LanguageModelError.unsupportedTokenizer` if the template is not ChatML.
    public init(file: GGUFFile) throws {
        guard let source = file.metadata["tokenizer.chat_template"]?.string else {
            self.init(defaultSystemPrompt: nil)   // no template: plain ChatML
            return
        }
        guard source.contains("<|im_start|>") else {
            throw LanguageModelError.unsupportedTokenizer("the chat template is not ChatML")
        }
        self.init(defaultSystemPrompt: Self.defaultSystem(in: source))
    }

    static func defaultSystem(in template: String) -> String? {
        guard template.contains("!= 'system'") || template.contains("!= \"system\"") else { return nil }
        for marker in ["<|im_start|>system\n", "<|im_start|>system\\n"] {
            guard let start = template.range(of: marker),
                  let end = template.range(of: "<|im_end|>", range: start.upperBound..<template.endIndex)
            else { continue }
            let text = String(template[start.upperBound..<end.lowerBound])
            if !text.contains("{{") && !text.contains("{%") { return text }
        }
        return nil
    }

    /// Renders `messages`; `addGenerationPrompt` opens the assistant turn. When the last message
    /// is the assistant's, that turn is left open instead (no `<|im_end|>`), so generation
    /// continues its text: the caller gives the start of the reply (Hugging Face's
    /// `continue_final_message`).
    public func render(_ messages: [ChatMessage], addGenerationPrompt: Bool = true) -> String {
        var s = ""
        if let defaultSystemPrompt, messages.first?.role != .system {
            s += "<|im_start|>system\n" + defaultSystemPrompt + "<|im_end|>\n"
        }
        let continuing = addGenerationPrompt && messages.last?.role == .assistant
        for (i, m) in messages.enumerated() {
            s += "<|im_start|>" + m.role.rawValue + "\n" + m.content
            if !(continuing && i == messages.count - 1) { s += "<|im_end|>\n" }
        }
        if addGenerationPrompt, !continuing { s += "<|im_start|>assistant\n" }
        return s
    }
}
