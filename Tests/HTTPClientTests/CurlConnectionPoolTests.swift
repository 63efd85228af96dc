import Foundation
import Glibc
import Synchronization
import Testing
@testable import HTTPClient

/// `CurlHTTPClient(reusingConnections:)`: requests share idle keep-alive connections; the
/// default client opens one per request. Checked against a minimal HTTP/1.1 server on a Unix
/// socket that counts the connections it accepts.
@Suite struct CurlConnectionPoolTests {
    @Test func reusingConnections_sendsSequentialRequestsOverOneConnection_defaultOpensOneEach() async throws {
        let server = try KeepAliveServer()
        defer { server.stop() }
        let pooled = CurlHTTPClient(reusingConnections: true)
        for i in 0..<5 {
            let r = try await pooled.send(HTTPRequest(method: "POST", url: "http://localhost/echo", body: Data("body \(i)".utf8), unixSocket: server.path))
            #expect(r.status == 200)
            #expect(r.text == "body \(i)")
        }
        #expect(server.accepted == 1)
        for _ in 0..<3 {
            _ = try await CurlHTTPClient().send(HTTPRequest(url: "http://localhost/echo", unixSocket: server.path))
        }
        #expect(server.accepted == 4)
    }

    @Test func reusingConnections_concurrentRequests_openAtMostOnePerRequestInFlight() async throws {
        let server = try KeepAliveServer()
        defer { server.stop() }
        let pooled = CurlHTTPClient(reusingConnections: true)
        for round in 0..<4 {
            try await withThrowingTaskGroup(of: String.self) { group in
                for lane in 0..<3 {
                    group.addTask {
                        try await pooled.send(HTTPRequest(method: "POST", url: "http://localhost/echo", body: Data("\(round)-\(lane)".utf8),
                                                          unixSocket: server.path)).text
                    }
                }
                var answers = Set<String>()
                for try await answer in group { answers.insert(answer) }
                #expect(answers == Set((0..<3).map { "\(round)-\($0)" }))
            }
        }
        #expect(server.accepted <= 3)
    }
}

/// Echoes each request's body with keep-alive, one thread per connection; counts connections.
final class KeepAliveServer: @unchecked Sendable {
    let path = "/tmp/spt-ka-\(UUID().uuidString.prefix(8)).sock"
    private let listener: Int32
    private final class Count: Sendable { let value = Atomic<Int>(0) }
    private let count = Count()
    var accepted: Int { count.value.load(ordering: .relaxed) }

    init() throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        listener = fd
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8.prefix(raw.count - 1))
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        let count = count
        Thread {
            while true {
                let connection = accept(fd, nil, nil)
                guard connection >= 0 else { return }
                count.value.add(1, ordering: .relaxed)
                Thread { KeepAliveServer.serve(connection) }.start()
            }
        }.start()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        unlink(path)
    }

    private static func serve(_ fd: Int32) {
        defer { close(fd) }
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            // The head, then Content-Length bytes of body.
            var headEnd: Int?
            while headEnd == nil {
                if let range = buffer.firstRange(of: Array("\r\n\r\n".utf8)) { headEnd = range.upperBound; break }
                let n = read(fd, &chunk, chunk.count)
                guard n > 0 else { return }
                buffer += chunk[..<n]
            }
            let head = String(decoding: buffer[..<headEnd!], as: UTF8.self).lowercased()
            let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            while buffer.count < headEnd! + length {
                let n = read(fd, &chunk, chunk.count)
                guard n > 0 else { return }
                buffer += chunk[..<n]
            }
            let body = Array(buffer[headEnd!..<(headEnd! + length)])
            buffer.removeFirst(headEnd! + length)
            let response = Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
            guard write(fd, response, response.count) == response.count else { return }
        }
    }
}
