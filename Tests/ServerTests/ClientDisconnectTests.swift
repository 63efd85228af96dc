import Foundation
import Testing
import SpotterTestSupport
@testable import Server
@testable import SpotterApp
@testable import Store
#if canImport(Glibc)
import Glibc
#endif

/// Sends one raw HTTP/1.1 request over a Unix socket and closes the connection without reading
/// the answer: a client that gives up.
func sendAndHangUp(socket path: String, head: String, body: Data) throws {
    let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ServerError("socket() failed") }
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (i, byte) in path.utf8.enumerated() where i < raw.count - 1 { raw[i] = byte }
    }
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard connected == 0 else { throw ServerError("connect() to \(path) failed: errno \(errno)") }
    var bytes = Array(head.utf8) + Array(body)
    var sent = 0
    while sent < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + sent, $0.count - sent) }
        guard n > 0 else { throw ServerError("write() failed: errno \(errno)") }
        sent += n
    }
}

/// Work stops when the client leaves (issue #15 items 3 and 7).
@Suite struct ClientDisconnectTests {
    /// The import waits for the name resolver (still "loading"); the client hangs up; then the
    /// resolver becomes ready. A handler that kept running would now import the file.
    @Test func import_whenTheClientHangsUp_stopsAndStoresNothing() async throws {
        let names = Loadable<any ExerciseNameResolving>(name: "exercise names")
        try await withDaemon(services: { SpotterServices(store: $0, nameResolver: names) }) { client, configuration in
            _ = try await client.json("PUT", "/v1/users/ana", [:] as [String: Any])
            let csv = try sharedLog("strong_export_sample.csv")
            let head = "POST /v1/users/ana/import?format=strong HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nContent-Length: \(csv.count)\r\n\r\n"
            try sendAndHangUp(socket: configuration.socketPath, head: head, body: csv)
            try await Task.sleep(for: .milliseconds(700))
            names.resolve(NoNames())
            try await Task.sleep(for: .milliseconds(1500))
            let list = try await client.send("GET", "/v1/users/ana/workouts")
            #expect(list.status == 200)
            #expect((list.object["workouts"] as? [Any])?.isEmpty == true, "the import went on after the client left")
        }
    }

    /// A chunked body over the limit read inside `untilClientLeaves`: 413, and the daemon lives.
    @Test func import_chunkedOverTheLimit_is413_andTheDaemonStaysUp() async throws {
        try await withDaemon(configure: { $0.maxUploadBytes = 1024 }) { client, configuration in
            _ = try await client.json("PUT", "/v1/users/ana", [:] as [String: Any])
            let connection = try RawConnection(socket: configuration.socketPath)
            let chunk = String(repeating: "x", count: 4096)
            try connection.send("POST /v1/users/ana/import?format=strong HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n1000\r\n\(chunk)\r\n0\r\n\r\n")
            let answer = connection.readUntilClosed()
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(300))")
            #expect(try await client.send("GET", "/v1/health").status == 200)
        }
    }

    /// The control: a client that waits gets its import once the resolver is ready.
    @Test func import_whenTheClientWaits_completesOnceNamesLoad() async throws {
        let names = Loadable<any ExerciseNameResolving>(name: "exercise names")
        try await withDaemon(services: { SpotterServices(store: $0, nameResolver: names) }) { client, _ in
            _ = try await client.json("PUT", "/v1/users/ana", [:] as [String: Any])
            let csv = try sharedLog("strong_export_sample.csv")
            async let response = client.send("POST", "/v1/users/ana/import?format=strong", body: csv, contentType: "text/csv")
            try await Task.sleep(for: .milliseconds(700))
            names.resolve(NoNames())
            let r = try await response
            #expect(r.status == 200)
            #expect(r.object["sessions_imported"] as? Int == 15)
        }
    }
}

/// A resolver that knows no names.
struct NoNames: ExerciseNameResolving {
    func resolve(_ name: String) -> ResolvedExerciseName? { nil }
}
