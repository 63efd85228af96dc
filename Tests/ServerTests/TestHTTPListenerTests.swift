import Foundation
import HTTPClient
import Testing
@testable import Server

/// The loopback TCP listener schemathesis uses exists only when a test asks for it.
@Suite struct TestHTTPListenerTests {
    /// A port that was free a moment ago (bind to 0, read it back, close).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func testHTTPPort_servesTheAppAPIOnLoopback_andIsOffByDefault() async throws {
        let port = try Self.freePort()
        let url = "http://127.0.0.1:\(port)/v1/users/ana"
        try await withDaemon(configure: { $0.testHTTPPort = port }) { _, _ in
            let r = try await CurlHTTPClient().send(HTTPRequest(url: url, connectTimeout: .seconds(2), totalTimeout: .seconds(5)))
            #expect(r.status == 404)
            #expect(try r.errorShape().code == "not_found")
        }
        try await withDaemon { _, _ in
            await #expect(throws: (any Error).self) {
                try await CurlHTTPClient().send(HTTPRequest(url: url, connectTimeout: .seconds(2), totalTimeout: .seconds(5)))
            }
        }
    }
}
