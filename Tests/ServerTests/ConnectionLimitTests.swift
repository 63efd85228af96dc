import Foundation
import Testing
import SpotterTestSupport
@testable import Server
#if canImport(Glibc)
import Glibc
#endif

/// A raw Unix-socket connection for probing the daemon's connection handling.
final class RawConnection {
    let fd: Int32

    init(socket path: String) throws {
        fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket() failed") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.enumerated() where i < raw.count - 1 { raw[i] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { close(fd); throw ServerError("connect() to \(path) failed: errno \(errno)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + sent, $0.count - sent) }
            guard n > 0 else { throw ServerError("write() failed: errno \(errno)") }
            sent += n
        }
    }

    /// Everything the daemon sends until it closes the connection (or 10 s pass).
    func readUntilClosed() -> String {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Connection limits (issue #15 item 4): a cap with a clear refusal, a header timeout and an
/// idle timeout, so that idle connections cannot lock clients out.
@Suite struct ConnectionLimitTests {
    static let health = "GET /v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n"

    @Test func connectionsOverTheCap_get503WithTheErrorShape_andHealthAnswersOnceOneCloses() async throws {
        try await withDaemon(configure: { $0.maxConnections = 3; $0.headerTimeout = .seconds(30) }) { client, configuration in
            try await Task.sleep(for: .milliseconds(200))  // the health probe's connection closes
            var idle = try (0..<3).map { _ in try RawConnection(socket: configuration.socketPath) }
            try await Task.sleep(for: .milliseconds(200))
            let refused = try RawConnection(socket: configuration.socketPath)
            try refused.send(Self.health)
            let answer = refused.readUntilClosed()
            #expect(answer.hasPrefix("HTTP/1.1 503"), "\(answer)")
            #expect(answer.contains("Retry-After: 1"))
            #expect(answer.contains(#""code":"too_many_connections""#))
            idle.removeLast()  // closes one
            try await Task.sleep(for: .milliseconds(300))
            let r = try await client.send("GET", "/v1/health")
            #expect(r.status == 200)
            _ = idle
        }
    }

    @Test func aConnectionThatSendsNoRequestHead_isClosedAfterTheHeaderTimeout() async throws {
        try await withDaemon(configure: { $0.headerTimeout = .milliseconds(500) }) { client, configuration in
            let silent = try RawConnection(socket: configuration.socketPath)
            try silent.send("GET /v1/health HTTP/1.1\r\nHost: loc")  // never finishes the head
            let clock = ContinuousClock()
            let started = clock.now
            let answer = silent.readUntilClosed()
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer)")
            #expect(answer.contains(#""code":"header_timeout""#))
            #expect(clock.now - started < .seconds(8), "closed by the header timeout, not the read timeout")
            #expect(try await client.send("GET", "/v1/health").status == 200)
        }
    }

    @Test func anIdleKeepAliveConnection_isClosedAfterTheIdleTimeout() async throws {
        try await withDaemon(configure: { $0.idleTimeout = .milliseconds(500) }) { _, configuration in
            let connection = try RawConnection(socket: configuration.socketPath)
            try connection.send(Self.health)
            let clock = ContinuousClock()
            let started = clock.now
            let answer = connection.readUntilClosed()  // the answer, then the close after 0.5 s idle
            #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
            #expect(answer.contains("\"status\""))
            #expect(clock.now - started < .seconds(8), "closed by the idle timeout, not the 10 s read timeout")
        }
    }

    @Test func aRequestThatIsNotHTTP_gets400WithTheJSONErrorShape() async throws {
        try await withDaemon { client, configuration in
            let connection = try RawConnection(socket: configuration.socketPath)
            try connection.send("GET /v1/health HTTP/1.1\r\nHost localhost without a colon\r\n\r\n")
            let answer = connection.readUntilClosed()
            #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer)")
            #expect(answer.contains(#"{"error":{"code":"invalid_request","message":"#), "\(answer)")
            #expect(try await client.send("GET", "/v1/health").status == 200)
        }
    }
}
