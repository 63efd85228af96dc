import Foundation
import HTTPClient
import Logging
import SpotterTestSupport
import Testing
@testable import Server
@testable import SpotterApp
@testable import Store

func sharedLog(_ name: String) throws -> Data {
    try Data(contentsOf: repositoryRoot().appendingPathComponent("../shared/data/logs/\(name)"))
}

/// An HTTP client bound to one daemon socket.
struct SocketClient: Sendable {
    let socket: String

    func send(_ method: String, _ path: String, body: Data? = nil, contentType: String? = "application/json",
              headers: [(name: String, value: String)] = []) async throws -> HTTPResponse {
        var all = headers
        if body != nil, let contentType { all.append(("Content-Type", contentType)) }
        return try await CurlHTTPClient().send(HTTPRequest(method: method, url: "http://localhost" + path, headers: all, body: body,
                                                           unixSocket: socket, connectTimeout: .seconds(5), totalTimeout: .seconds(120)))
    }

    func json(_ method: String, _ path: String, _ object: Any, headers: [(name: String, value: String)] = []) async throws -> HTTPResponse {
        try await send(method, path, body: try JSONSerialization.data(withJSONObject: object), headers: headers)
    }

    /// Polls `/v1/health` until it answers 200.
    func waitUntilHealthy(timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let r = try? await CurlHTTPClient().send(HTTPRequest(url: "http://localhost/v1/health", unixSocket: socket,
                                                                    connectTimeout: .seconds(1), totalTimeout: .seconds(2))),
               r.status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ServerError("the daemon did not answer on \(socket) within \(timeout)")
    }
}

extension HTTPResponse {
    var object: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }

    /// The `{"error": {"code", "message"}}` body, checked to have exactly that shape.
    func errorShape() throws -> (code: String, message: String) {
        let top = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any], "not a JSON object: \(text)")
        #expect(Array(top.keys) == ["error"])
        let error = try #require(top["error"] as? [String: Any])
        #expect(Set(error.keys) == ["code", "message"])
        return (try #require(error["code"] as? String), try #require(error["message"] as? String))
    }
}

/// Runs an in-process daemon on a fresh socket for the duration of `body`, then stops it.
func withDaemon<T: Sendable>(
    configure: (inout ServerConfiguration) -> Void = { _ in },
    services: (SpotterStore) -> SpotterServices = { SpotterServices(store: $0) },
    context adjust: (inout ServerContext) -> Void = { _ in },
    _ body: @escaping @Sendable (SocketClient, ServerConfiguration) async throws -> T
) async throws -> T {
    let dir = try makeShortTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var configuration = ServerConfiguration(socketPath: dir + "/run/s.sock", dataDirectory: URL(fileURLWithPath: dir + "/data"),
                                            handlesSignals: false, logLevel: .critical)  // cancellation at the end logs errors
    configure(&configuration)
    let store = try SpotterStore.open(directory: configuration.dataDirectory)
    var context = ServerContext(services: services(store))
    adjust(&context)
    let server = SpotterServer(configuration: configuration, context: context)
    let client = SocketClient(socket: configuration.socketPath)
    let config = configuration
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            try await server.run()
            return nil
        }
        group.addTask {
            try await client.waitUntilHealthy()
            return try await body(client, config)
        }
        var result: T?
        while let next = try await group.next() {
            if let next {
                result = next
                group.cancelAll()
            }
        }
        return try #require(result)
    }
}
