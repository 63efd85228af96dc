import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A tiny OpenAI-compatible HTTP/1.1 server on a loopback TCP port, for tests only.
///
/// Each connection serves one request (`Connection: close`). `handler` decides the reply from
/// the request's index (0-based, in arrival order) and the recorded request. Replies can stream
/// SSE events, gate each event on `release()` (to prove chunk-by-chunk relaying), stream until
/// the client disconnects (recorded in `clientDisconnects`), or hang without answering.
final class FakeOpenAIServer: @unchecked Sendable {
    enum Reply: Sendable {
        /// A JSON (or any) body with this status.
        case json(status: Int, body: String)
        /// `data:` events, each sent and flushed separately, then the connection closes.
        case sse([String])
        /// Like `.sse`, but event `n > 0` waits for a `release()` (up to 5 s, else the server aborts).
        case gatedSSE([String])
        /// Sends a content chunk every `intervalMs` until a write fails (the client went away).
        case endlessSSE(intervalMs: Int)
        /// Reads the request and never answers (until `stop()`).
        case hang
    }

    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: Data

        /// The JSON body as a dictionary.
        var json: [String: any Sendable] {
            ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]).mapValues { $0 as! any Sendable }
        }

        /// The `messages` array as (role, content) pairs.
        var messages: [(role: String, content: String)] {
            let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
            return (object["messages"] as? [[String: Any]] ?? []).map {
                (($0["role"] as? String) ?? "", ($0["content"] as? String) ?? "")
            }
        }
    }

    private struct State {
        var requests: [Request] = []
        var disconnects = 0
        var stopped = false
    }

    let port: UInt16
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }
    private let listener: Int32
    private let handler: @Sendable (Int, Request) -> Reply
    private let state = Mutex(State())
    private let gate = DispatchSemaphore(value: 0)

    init(handler: @escaping @Sendable (Int, Request) -> Reply) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    var requests: [Request] { state.withLock { $0.requests } }
    var clientDisconnects: Int { state.withLock { $0.disconnects } }
    private var stopped: Bool { state.withLock { $0.stopped } }

    /// Lets the next gated SSE event go out.
    func release() { gate.signal() }

    func stop() {
        let wasStopped = state.withLock { s in
            defer { s.stopped = true }
            return s.stopped
        }
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Waits (polling, up to `seconds`) until `condition` holds.
    func waitUntil(seconds: Double = 5, _ condition: (FakeOpenAIServer) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(self)
    }

    private func acceptLoop() {
        while !stopped {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if stopped { return }
                continue
            }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        guard let request = readRequest(fd) else { return }
        let index = state.withLock { s in
            s.requests.append(request)
            return s.requests.count - 1
        }
        switch handler(index, request) {
        case .json(let status, let body):
            let bytes = Data(body.utf8)
            _ = write(fd, "HTTP/1.1 \(status) \(status < 400 ? "OK" : "Error")\r\nContent-Type: application/json\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n")
            _ = write(fd, bytes)
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
        case .hang:
            while !stopped { usleep(20_000) }
        }
    }

    private func writeSSEHead(_ fd: Int32) -> Bool {
        write(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n")
    }

    private func write(_ fd: Int32, _ text: String) -> Bool { write(fd, Data(text.utf8)) }

    private func write(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

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
enum OpenAIFixtures {
    static func chunk(_ text: String, finish: String? = nil) -> String {
        let content = String(data: try! JSONEncoder().encode(text), encoding: .utf8)!
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return #"{"id":"c1","object":"chat.completion.chunk","model":"fake","choices":[{"index":0,"delta":{"content":"# + content + #"},"finish_reason":"# + reason + "}]}"
    }

    static func usageChunk(prompt: Int, completion: Int) -> String {
        #"{"id":"c1","object":"chat.completion.chunk","model":"fake","choices":[],"usage":{"prompt_tokens":\#(prompt),"completion_tokens":\#(completion),"total_tokens":\#(prompt + completion)}}"#
    }

    static func completion(_ text: String, prompt: Int = 5, completion: Int = 2) -> String {
        let content = String(data: try! JSONEncoder().encode(text), encoding: .utf8)!
        return #"{"id":"c1","object":"chat.completion","model":"fake","choices":[{"index":0,"message":{"role":"assistant","content":"# + content + #"},"finish_reason":"stop"}],"usage":{"prompt_tokens":\#(prompt),"completion_tokens":\#(completion)}}"#
    }

    static func error(_ message: String) -> String {
        #"{"error":{"message":"\#(message)","type":"invalid_request_error"}}"#
    }
}
