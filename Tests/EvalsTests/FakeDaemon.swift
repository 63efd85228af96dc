import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif
@testable import Evals
import SpotterTestSupport

/// A tiny HTTP/1.1 server on a Unix socket that stands in for the daemon in tests: it answers
/// `/v1/health`, accepts user/workout/check-in writes, and answers `/v1/chat` with whatever
/// `reply` returns for the message. One connection at a time, `Connection: close`.
final class FakeDaemon: @unchecked Sendable {
    let socket: String
    private let handler: @Sendable (_ method: String, _ path: String, _ body: JSONValue?) -> (Int, JSONValue)
    let requests = Mutex<[String]>([])
    private var loop: AcceptLoop!

    /// `chat` maps a chat request body to the response body.
    convenience init(chat: @escaping @Sendable (JSONValue) -> JSONValue) throws {
        try self.init { method, path, body in
            switch (method, path) {
            case ("GET", "/v1/health"): return (200, .object(["status": .string("ok"), "version": .string("test")]))
            case ("POST", "/v1/chat"): return (200, chat(body ?? .null))
            default: return (200, .object(["ok": .bool(true)]))
            }
        }
    }

    init(handler: @escaping @Sendable (String, String, JSONValue?) -> (Int, JSONValue)) throws {
        self.handler = handler
        socket = "/tmp/fd-\(UUID().uuidString.prefix(8)).sock"
        let fd: Int32
        do { fd = try AcceptLoop.unixListener(path: socket) } catch {
            throw EvalError(.usage, "fake daemon cannot bind \(socket)")
        }
        // One connection at a time, on the accept thread; the loop is joined before its socket closes.
        loop = AcceptLoop(listener: fd) { [self] conn in
            handle(conn)
            close(conn)
        }
    }

    func stop() {
        loop.stop()
        unlink(socket)
    }

    private func handle(_ conn: Int32) {
        var data = Data()
        var buf = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Range<Data.Index>?
        var contentLength = 0
        while true {
            let n = read(conn, &buf, buf.count)
            if n <= 0 { return }
            data.append(contentsOf: buf[0..<n])
            if headerEnd == nil, let r = data.range(of: Data("\r\n\r\n".utf8)) {
                headerEnd = r
                let head = String(decoding: data[..<r.lowerBound], as: UTF8.self)
                for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                    contentLength = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let r = headerEnd, data.count - r.upperBound >= contentLength { break }
        }
        guard let r = headerEnd else { return }
        let head = String(decoding: data[..<r.lowerBound], as: UTF8.self)
        let first = head.split(separator: "\r\n").first?.split(separator: " ") ?? []
        let method = first.count > 0 ? String(first[0]) : ""
        let path = first.count > 1 ? String(first[1]) : ""
        let body = JSONValue.parse(Data(data[r.upperBound...]))
        requests.withLock { $0.append("\(method) \(path)") }
        let (status, json) = handler(method, path, body)
        let payload = Data(json.jsonText.utf8)
        let response = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(payload.count)\r\nConnection: close\r\n\r\n"
        var out = Data(response.utf8)
        out.append(payload)
        out.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = write(conn, raw.baseAddress! + off, raw.count - off)
                if n <= 0 { return }
                off += n
            }
        }
    }
}

/// Builds a chat response body like the daemon's.
func chatResponse(reply: String, agent: String = "insight", grounding: JSONValue = .object([:]), totalMs: Double = 120) -> JSONValue {
    .object([
        "conversation": .string("c1"), "agent": .string(agent),
        "routing": .object(["agent": .string(agent), "method": .string("explicit"), "score": .number(1), "reason": .string("test")]),
        "reply": .string(reply), "grounding": grounding, "citations": .array([]), "checks": .array([]),
        "usage": .object(["prompt_tokens": .number(100), "completion_tokens": .number(20)]),
        "timings": .object(["total_ms": .number(totalMs)]),
        "model": .string("fake-model"), "backend": .string("fake"),
    ])
}
