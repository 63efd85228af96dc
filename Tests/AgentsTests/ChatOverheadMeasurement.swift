import Foundation
import SpotterTestSupport
import Testing
@testable import Agents

/// Daemon overhead per chat request excluding generation (validation, routing, context
/// assembly, answer checking, storage) with an instant backend double. Prints p50/p99; the
/// figures are measurements for the benchmark, not assertions.
@Suite struct ChatOverheadMeasurement {
    @Test func overheadPerRequest_isMeasuredOverManyRequests_andEveryRequestSucceeds() async throws {
        let conversations = MemoryConversations()
        let service = try ChatServiceTests.service(backend: RecordingBackend(reply: ["Bench press 50 kg for 5."]),
                                                   conversations: conversations)
        let messages = try RoutingEvaluation.load(from: repositoryRoot().appendingPathComponent("evals/routing.yaml")).cases.map(\.message)
        let clock = ContinuousClock()
        var samples: [Double] = []
        for round in 0..<3 {
            for message in messages {
                let started = clock.now
                let response = try await service.respond(to: ChatRequest(user: "ana", message: message))
                let elapsed = clock.now - started
                if round > 0 { samples.append(ChatService.ms(elapsed) - response.timings.generationMs) }
                #expect(response.reply == "Bench press 50 kg for 5.")
            }
        }
        #expect(conversations.stored.count == messages.count * 3)
        samples.sort()
        let p50 = samples[samples.count / 2]
        let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
        print("chat overhead excluding generation over \(samples.count) requests: p50 \(String(format: "%.3f", p50)) ms, p99 \(String(format: "%.3f", p99)) ms")
    }
}
