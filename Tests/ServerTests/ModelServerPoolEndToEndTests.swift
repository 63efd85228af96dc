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
        try await withAssembledDaemon(backend: backend) { client in
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
