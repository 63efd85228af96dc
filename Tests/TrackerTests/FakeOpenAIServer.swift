import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A tiny OpenAI-compatible server on a loopback TCP port, for tests only: it answers every
/// request with one canned reply and records the request bodies.
final class FakeOpenAIServer: Sendable {
    enum Reply: Sendable {
        /// HTTP 200 with a chat completion whose assistant message content is `content`.
        case completion(content: String)
        /// Any status and body.
        case raw(status: Int, body: String)
        /// Read the request, then say nothing for this long (to trigger client deadlines).
        case stall(seconds: Double)
    }

    let port: UInt16
    private let listener: Int32
    private let reply: Reply
    private let bodies = Mutex<[Data]>([])

    var baseURL: String { "http://127.0.0.1:\(port)/v1" }
    var receivedBodies: [Data] { bodies.withLock { $0 } }

    init(reply: Reply) throws {
        self.reply = reply
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        listener = fd
        port = UInt16(bigEndian: addr.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            handle(client)
            close(client)
        }
    }

    private func handle(_ fd: Int32) {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        var expected: Int?
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            buffer.append(contentsOf: chunk[0..<n])
            if expected == nil, let end = buffer.range(of: Data("\r\n\r\n".utf8)) {
                let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                expected = end.upperBound - buffer.startIndex + length
            }
            if let expected, buffer.count >= expected { break }
        }
        if let end = buffer.range(of: Data("\r\n\r\n".utf8)) {
            let body = Data(buffer[end.upperBound...])
            bodies.withLock { $0.append(body) }
        }
        let (status, body): (Int, String)
        switch reply {
        case .completion(let content):
            let completion: [String: Any] = [
                "id": "chatcmpl-test", "object": "chat.completion", "model": "fake-vlm",
                "choices": [["index": 0, "finish_reason": "stop", "message": ["role": "assistant", "content": content]]],
            ]
            (status, body) = (200, String(decoding: try! JSONSerialization.data(withJSONObject: completion), as: UTF8.self))
        case .raw(let s, let b):
            (status, body) = (s, b)
        case .stall(let seconds):
            Thread.sleep(forTimeInterval: seconds)
            return
        }
        let response = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        _ = response.withCString { write(fd, $0, strlen($0)) }
    }
}
