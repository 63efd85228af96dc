import Foundation
import Testing
import SpotterTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The shared fake server must never answer with another server's reply (issue #17: a stopped
/// server's accept thread kept looping on a descriptor number the next test's socket reused).
@Suite struct FakeOpenAIServerTests {
    /// Sends one HTTP request to 127.0.0.1:`port` and returns the whole response (status line,
    /// headers and body), or nil when the connection is refused.
    static func get(port: UInt16, body: String = "{}") -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        guard sendAll(fd, Data(request.utf8)) else { return nil }
        var response = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            response.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: response, as: UTF8.self)
    }

    @Test func manyServersInARow_eachRequestGetsItsOwnServersReply() throws {
        for n in 0..<300 {
            let server = try FakeOpenAIServer(reply: .raw(status: 200, body: "reply-\(n)"))
            let response = try #require(Self.get(port: server.port))
            #expect(response.hasSuffix("reply-\(n)"), "server \(n) answered: \(response.suffix(40))")
            server.stop()
        }
    }

    @Test func overlappingServers_stoppedOneNeverAnswersTheNext() throws {
        // Stop the previous server while the next one already exists and reuses descriptor numbers.
        var previous = try FakeOpenAIServer(reply: .raw(status: 200, body: "first"))
        for n in 0..<100 {
            previous.stop()
            let next = try FakeOpenAIServer(handler: { index, _ in .json(status: 200, body: "server-\(n)-request-\(index)") })
            for i in 0..<2 {
                let response = try #require(Self.get(port: next.port))
                #expect(response.hasSuffix("server-\(n)-request-\(i)"))
            }
            previous = next
        }
        previous.stop()
    }

    @Test func stop_isIdempotent_andRefusesLaterConnections() throws {
        let server = try FakeOpenAIServer(reply: .completion(content: "hi"))
        #expect(Self.get(port: server.port)?.contains("\"content\":\"hi\"") == true)
        server.stop()
        server.stop()
        #expect(Self.get(port: server.port) == nil)
        #expect(server.receivedBodies.count == 1)
    }

    @Test func stop_endsAHangingReply() throws {
        let server = try FakeOpenAIServer(reply: .hang)
        let done = DispatchSemaphore(value: 0)
        let port = server.port
        Thread { _ = Self.get(port: port); done.signal() }.start()
        #expect(server.waitUntilSync { $0.requests.count == 1 })
        server.stop()
        #expect(done.wait(timeout: .now() + 5) == .success)
    }
}

extension FakeOpenAIServer {
    /// Polls `condition` for up to 5 s without suspending.
    fileprivate func waitUntilSync(_ condition: (FakeOpenAIServer) -> Bool) -> Bool {
        for _ in 0..<250 where !condition(self) { usleep(20_000) }
        return condition(self)
    }
}
