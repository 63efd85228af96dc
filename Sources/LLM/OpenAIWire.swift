import Foundation
import LanguageModel

/// Wire types of OpenAI's `/v1/chat/completions`, limited to what Spotter sends and reads.
/// Server differences handled by the decoder: usage only in the last chunk (vLLM, NIM with
/// `stream_options`), a chunk with empty `choices` carrying usage, a first chunk with only
/// `role`, `[DONE]` sentinel present (OpenAI, vLLM, llama.cpp, NIM) or absent, and error
/// objects as `{"error": {"message": ...}}`, `{"error": "..."}` (Ollama) or `{"message": ...}`.
struct OpenAIChatRequest: Encodable, Sendable {
    struct StreamOptions: Encodable, Sendable {
        var includeUsage: Bool
        enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
    }

    var model: String
    var messages: [ChatMessage]
    var temperature: Double
    var maxTokens: Int
    var seed: UInt64?
    var stop: [String]?
    var stream: Bool
    var streamOptions: StreamOptions?

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature, seed, stop, stream
        case maxTokens = "max_tokens"
        case streamOptions = "stream_options"
    }
}

/// A streamed chunk or a whole response (`delta` in chunks, `message` in whole responses).
struct OpenAIChatChunk: Decodable {
    struct Content: Decodable {
        var content: String?
    }
    struct Choice: Decodable {
        var delta: Content?
        var message: Content?
        var finishReason: String?
        enum CodingKeys: String, CodingKey {
            case delta, message
            case finishReason = "finish_reason"
        }
    }
    struct Usage: Decodable {
        var promptTokens: Int?
        var completionTokens: Int?
        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }
    }

    var choices: [Choice]?
    var usage: Usage?
}

enum OpenAIErrorBody {
    /// The human message inside an upstream error body, else the body itself (truncated).
    static func message(from body: Data) -> String {
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            if let error = object["error"] as? [String: Any], let message = error["message"] as? String {
                return message
            }
            if let error = object["error"] as? String { return error }
            if let message = object["message"] as? String { return message }
            if let detail = object["detail"] as? String { return detail }
        }
        let text = String(decoding: body.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "(empty body)" : text
    }

    /// True when a streamed `data:` payload is an error object rather than a chunk.
    static func isError(_ payload: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else { return false }
        return object["error"] != nil && object["choices"] == nil
    }
}
