import Foundation
import LLM
import Logging
import SpotterTestSupport
import Store
import Testing
@testable import Server
@testable import SpotterApp

/// The openai backend's pool of model servers, seen through the socket: `/metrics` per server,
/// and the 503 when every server is out.
@Suite struct ModelServerPoolEndToEndTests {
    @Test func metricsShowEachServer_andAChatWithEveryServerOutIsA503WithRetryAfter() async throws {
        let live = try FakeOpenAIServer(reply: .sse([OpenAIFixtures.chunk("Keep going.", finish: "stop"), "[DONE]"]))
        let dead = try FakeOpenAIServer(reply: .hang)
        dead.stop()
        defer { live.stop() }
        let backend = OpenAIChatBackend(configuration: OpenAIBackendConfiguration(
            baseURLs: [dead.baseURL, live.baseURL], model: "fake", connectTimeout: .seconds(2),
            serverBackoff: ModelServerBackoff(initial: .seconds(60), maximum: .seconds(60))))
        try await withPoolDaemon(backend) { client in
            _ = try await client.json("PUT", "/v1/users/pia", ["units": "kg"])
            let answered = try await client.json("POST", "/v1/chat", ["user": "pia", "message": "should I train today?", "agent": "coach"])
            #expect(answered.status == 200, "the dead server is skipped: \(answered.text)")
            let metrics = try await client.send("GET", "/metrics").text
            #expect(metrics.contains("spotter_llm_server_up{server=\"127.0.0.1:\(dead.port)\"} 0"))
            #expect(metrics.contains("spotter_llm_server_up{server=\"127.0.0.1:\(live.port)\"} 1"))
            #expect(metrics.contains("spotter_llm_server_failures_total{server=\"127.0.0.1:\(dead.port)\"} 1"))

            live.stop()  // now every server is down
            _ = try await client.json("POST", "/v1/chat", ["user": "pia", "message": "and tomorrow?", "agent": "coach"])
            let refused = try await client.json("POST", "/v1/chat", ["user": "pia", "message": "and tomorrow?", "agent": "coach"])
            #expect(refused.status == 503)
            #expect(refused.headers["retry-after"] != nil)
            #expect(refused.text.contains("overloaded") && refused.text.contains("127.0.0.1:\(live.port)"))
        }
    }
}

/// A daemon assembled the production way around `backend`, on a fresh socket.
private func withPoolDaemon(_ backend: OpenAIChatBackend, _ body: @escaping @Sendable (SocketClient) async throws -> Void) async throws {
    let dir = try makeShortTemporaryDirectory(prefix: "spm")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let configuration = ServerConfiguration(socketPath: dir + "/s.sock", dataDirectory: URL(fileURLWithPath: dir + "/data"),
                                            handlesSignals: false, logLevel: .critical)
    let store = try SpotterStore.open(directory: configuration.dataDirectory)
    let options = AssemblyOptions(resources: SpotterResources(root: repositoryRoot()), dataDirectory: configuration.dataDirectory,
                                  disabled: [.tracker], chatBackend: backend, buildsKnowledgeIndex: false, warmsAgentPrefixes: false)
    var logger = Logger(label: "spotter.test")
    logger.logLevel = .critical
    let services = try assemble(store: store, options: options, logger: logger)
    let server = SpotterServer(configuration: configuration, context: ServerContext(services: services), services: [])
    let client = SocketClient(socket: configuration.socketPath)
    try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask { try await server.run(); return false }
        group.addTask {
            try await client.waitUntilHealthy()
            try await body(client)
            return true
        }
        while let done = try await group.next() { if done { group.cancelAll() } }
    }
}
