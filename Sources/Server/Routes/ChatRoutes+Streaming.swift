import Agents
import Foundation
import Hummingbird
import NIOCore
import Synchronization
import Wire

extension ChatRoutes {
    /// Streams `events` as server-sent events, each event written as soon as it is generated.
    ///
    /// Events are held back until the first piece of text (or the end) arrives, so that a
    /// failure before any text (a full queue: 503 with `Retry-After`; an unknown user: 404) is
    /// answered with its real status instead of a 200 stream holding an error. After that, a
    /// failure ends the stream with `failure(error)`. When the client disconnects, the write
    /// fails, the stream is dropped, and `ChatService` cancels the generation.
    static func eventStream(_ events: AsyncThrowingStream<ChatStreamEvent, Error>,
                            frames: @escaping @Sendable (ChatStreamEvent) throws -> String,
                            failure: @escaping @Sendable (APIError) -> String,
                            end: String?) async throws -> Response {
        let source = EventSource(events.makeAsyncIterator())
        var held: [String] = []
        var finished = false
        while true {
            guard let event = try await source.next() else { finished = true; break }
            held.append(try frames(event))
            if case .meta = event { continue }
            if case .done = event { finished = true }
            break
        }
        let opening = held
        let ended = finished
        var headers: HTTPFields = [:]
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            for frame in opening { try await writer.write(ByteBuffer(string: frame)) }
            if !ended {
                do {
                    while let event = try await source.next() {
                        try await writer.write(ByteBuffer(string: try frames(event)))
                    }
                } catch {
                    try await writer.write(ByteBuffer(string: failure(APIError.translate(error))))
                    try await writer.finish(nil)
                    return
                }
            }
            if let end { try await writer.write(ByteBuffer(string: end)) }
            try await writer.finish(nil)
        })
    }
}

/// The stream's iterator, handed from the handler to the response body writer (one consumer
/// at a time: the handler reads the opening events, then the writer reads the rest).
final class EventSource: @unchecked Sendable {
    private var iterator: AsyncThrowingStream<ChatStreamEvent, Error>.AsyncIterator

    init(_ iterator: AsyncThrowingStream<ChatStreamEvent, Error>.AsyncIterator) {
        self.iterator = iterator
    }

    func next() async throws -> ChatStreamEvent? {
        try await iterator.next()
    }
}

/// The id and model of an OpenAI chunk stream, learnt from the `meta` event.
final class ChunkIdentity: Sendable {
    private let state = Mutex<(id: String, model: String)>(("chatcmpl-spotter", "auto"))
    func set(id: String, model: String) { state.withLock { $0 = (id, model) } }
    func get() -> (String, String) { state.withLock { ($0.id, $0.model) } }
}
