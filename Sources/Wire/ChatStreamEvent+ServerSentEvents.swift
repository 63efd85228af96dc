import Foundation

extension ChatStreamEvent {
    /// The event as a server-sent event for `POST /v1/chat` with `stream: true`:
    /// `event: meta` + `ChatMeta` JSON, `event: delta` + `{"text": ...}`, `event: done` + `ChatDone` JSON.
    /// Write it as `"event: \(name)\ndata: \(data)\n\n"` (the JSON has no newlines).
    public func serverSentEvent() throws -> (name: String, data: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        switch self {
        case .meta(let meta): data = try encoder.encode(meta)
        case .delta(let text): data = try encoder.encode(ChatDelta(text: text))
        case .done(let done): data = try encoder.encode(done)
        }
        return (name, String(decoding: data, as: UTF8.self))
    }
}
