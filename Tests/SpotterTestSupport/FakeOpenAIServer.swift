import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A tiny OpenAI-compatible HTTP/1.1 server on a loopback TCP port, for tests only.
///
/// Each connection serves one request (`Connection: close`) on a thread of its own. `handler`
/// decides the reply from the request's index (0-based, in arrival order) and the recorded
/// request. Replies can stream SSE events, gate each event on `release()` (to prove
/// chunk-by-chunk relaying), stream until the client disconnects (recorded in
/// `clientDisconnects`), stall, or hang without answering.
///
/// `stop()` is safe to call at any time and more than once: the accept loop is stopped and
/// joined before its descriptor is closed (see `AcceptLoop`), so a stopped server can never
/// answer a later server's requests. A server is not stopped by going out of scope — Swift may
/// release an object before the end of its scope — so call `stop()` (usually in a `defer`).
public final class FakeOpenAIServer: @unchecked Sendable {
    public enum Reply: Sendable {
        /// A JSON (or any) body with this status.
        case json(status: Int, body: String)
        /// Any status and body (the same as `.json`).
        case raw(status: Int, body: String)
        /// HTTP 200 with a chat completion whose assistant message content is `content`.
        case completion(content: String)
        /// `data:` events, each sent and flushed separately, then the connection closes.
        case sse([String])
        /// Like `.sse`, but event `n > 0` waits for a `release()` (up to 5 s, else the server aborts).
        case gatedSSE([String])
        /// Sends a content chunk every `intervalMs` until a write fails (the client went away).
        case endlessSSE(intervalMs: Int)
        /// Reads the request, says nothing for this long (or until `stop()`), then closes.
        case stall(seconds: Double)
        /// Reads the request and never answers (until `stop()`).
        case hang
    }

    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: Data

        /// The JSON body as a dictionary.
        public var json: [String: any Sendable] {
            ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]).mapValues { $0 as! any Sendable }
        }

        /// The `messages` array as (role, content) pairs.
        public var messages: [(role: String, content: String)] {
            let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
            return (object["messages"] as? [[String: Any]] ?? []).map {
                (($0["role"] as? String) ?? "", ($0["content"] as? String) ?? "")
            }
        }
    }

    private struct State {
        var requests: [Request] = []
        var disconnects = 0
    }

    public let port: UInt16
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }
    private let handler: @Sendable (Int, Request) -> Reply
    private let state = Mutex(State())
    private let gate = DispatchSemaphore(value: 0)
    private let stoppedFlag = Atomic<Bool>(false)
    private var loop: AcceptLoop!

    /// A server that chooses each reply with `handler(index, request)`.
    public init(handler: @escaping @Sendable (Int, Request) -> Reply) throws {
        self.handler = handler
        let (fd, port) = try AcceptLoop.loopbackListener()
        self.port = port
        loop = AcceptLoop(listener: fd) { [self] client in
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    /// A server that gives every request the same reply.
    public convenience init(reply: Reply) throws {
        try self.init { _, _ in reply }
    }

    public var requests: [Request] { state.withLock { $0.requests } }
    public var receivedBodies: [Data] { requests.map(\.body) }
    public var clientDisconnects: Int { state.withLock { $0.disconnects } }
    private var stopped: Bool { stoppedFlag.load(ordering: .acquiring) }

    /// Lets the next gated SSE event go out.
    public func release() { gate.signal() }

    /// Stops accepting (joining the accept thread before closing its socket) and ends stalled,
    /// hanging and endless replies.
    public func stop() {
        stoppedFlag.store(true, ordering: .releasing)
        loop.stop()
    }

    /// Waits (polling, up to `seconds`) until `condition` holds.
    public func waitUntil(seconds: Double = 5, _ condition: (FakeOpenAIServer) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(self)
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        guard let request = readRequest(fd) else { return }
        let index = state.withLock { s in
            s.requests.append(request)
            return s.requests.count - 1
        }
        switch handler(index, request) {
        case .json(let status, let body), .raw(let status, let body):
            writeJSON(fd, status: status, body: body)
        case .completion(let content):
            let completion: [String: Any] = [
                "id": "chatcmpl-test", "object": "chat.completion", "model": "fake-vlm",
                "choices": [["index": 0, "finish_reason": "stop", "message": ["role": "assistant", "content": content]]],
            ]
            writeJSON(fd, status: 200, body: String(decoding: try! JSONSerialization.data(withJSONObject: completion), as: UTF8.self))
        case .sse(let events):
            guard writeSSEHead(fd) else { return }
            for event in events {
                guard write(fd, "data: \(event)\n\n") else { return }
            }
        case .gatedSSE(let events):
            guard writeSSEHead(fd) else { return }
            for (n, event) in events.enumerated() {
                if n > 0, gate.wait(timeout: .now() + 5) == .timedOut { return }
                guard write(fd, "data: \(event)\n\n") else { return }
            }
        case .endlessSSE(let interval):
            guard writeSSEHead(fd) else { return }
            for _ in 0..<3000 {
                let chunk = #"{"choices":[{"index":0,"delta":{"content":"tick "},"finish_reason":null}]}"#
                guard write(fd, "data: \(chunk)\n\n") else {
                    state.withLock { $0.disconnects += 1 }
                    return
                }
                usleep(useconds_t(interval * 1000))
                if stopped { return }
            }
        case .stall(let seconds):
            let deadline = Date().addingTimeInterval(seconds)
            while !stopped, Date() < deadline { usleep(20_000) }
        case .hang:
            while !stopped { usleep(20_000) }
        }
    }

    private func writeJSON(_ fd: Int32, status: Int, body: String) {
        let bytes = Data(body.utf8)
        _ = write(fd, "HTTP/1.1 \(status) \(status < 400 ? "OK" : "Error")\r\nContent-Type: application/json\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n")
        _ = sendAll(fd, bytes)
    }

    private func writeSSEHead(_ fd: Int32) -> Bool {
        write(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n")
    }

    private func write(_ fd: Int32, _ text: String) -> Bool { sendAll(fd, Data(text.utf8)) }

    private func readRequest(_ fd: Int32) -> Request? {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        let separator = Data("\r\n\r\n".utf8)
        while buffer.range(of: separator) == nil {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
        let headEnd = buffer.range(of: separator)!
        let head = String(decoding: buffer[..<headEnd.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(buffer[headEnd.upperBound...])
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while body.count < length {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return nil }
            body.append(contentsOf: chunk[0..<n])
        }
        return Request(method: requestLine.first.map(String.init) ?? "", path: requestLine.dropFirst().first.map(String.init) ?? "",
                       headers: headers, body: body)
    }
}

/// OpenAI streaming chunk and response bodies for fake replies.
public enum OpenAIFixtures {
    public static func chunk(_ text: String, finish: String? = nil) -> String {
        let content = String(data: try! JSONEncoder().encode(text), encoding: .utf8)!
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return #"{"id":"c1","object":"chat.completion.chunk","model":"fake","choices":[{"index":0,"delta":{"content":"# + content + #"},"finish_reason":"# + reason + "}]}"
    }

    public static func usageChunk(prompt: Int, completion: Int) -> String {
        #"{"id":"c1","object":"chat.completion.chunk","model":"fake","choices":[],"usage":{"prompt_tokens":\#(prompt),"completion_tokens":\#(completion),"total_tokens":\#(prompt + completion)}}"#
    }

    public static func completion(_ text: String, prompt: Int = 5, completion: Int = 2) -> String {
        let content = String(data: try! JSONEncoder().encode(text), encoding: .utf8)!
        return #"{"id":"c1","object":"chat.completion","model":"fake","choices":[{"index":0,"message":{"role":"assistant","content":"# + content + #"},"finish_reason":"stop"}],"usage":{"prompt_tokens":\#(prompt),"completion_tokens":\#(completion)}}"#
    }

    public static func error(_ message: String) -> String {
        #"{"error":{"message":"\#(message)","type":"invalid_request_error"}}"#
    }
}
