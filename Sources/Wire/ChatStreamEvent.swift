/// What `ChatService.stream` yields, in order: one `.meta`, any `.delta`s, one `.done`.
/// A failure mid-stream ends the stream with an `AgentsError` (the Server sends `event: error`).
public enum ChatStreamEvent: Sendable, Equatable {
    case meta(ChatMeta)
    case delta(String)
    case done(ChatDone)

    /// The SSE event name: `meta`, `delta` or `done`.
    public var name: String {
        switch self {
        case .meta: "meta"
        case .delta: "delta"
        case .done: "done"
        }
    }
}
