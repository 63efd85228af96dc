import Foundation
import LanguageModel
import LLM
import Testing
@testable import Agents

/// The compact profile end to end with backend doubles: the grounded lead opens the reply (as
/// the start of the assistant turn when the backend continues one), sentences that break the
/// grounding never reach the client, and the reply stops at the sentence cap.
@Suite struct ChatServiceLeadTests {
    struct AdvisedGrounding: GroundingProviding {
        func groundingFacts(for message: String, user: String, context: UserContext) async throws -> [GroundingFact] {
            [GroundingFact(id: "overload:bench-press:load", kind: "overload", subject: "Bench Press",
                           text: "Bench Press: next top set 52.5 kg × 5 (increase).", min: 52.5, max: 52.5, unit: "kg",
                           advice: "Next Bench Press session: 52.5 kg × 5, up from 50 kg.")]
        }
    }

    static func service(_ backend: any ChatBackend, conversations: MemoryConversations = MemoryConversations()) throws -> ChatService {
        ChatService(configuration: try AgentsConfiguration.load(from: agentsYAML, profile: .compact), backend: backend,
                    users: FixedUsers(), grounding: AdvisedGrounding(), passages: FixedPassages(), conversations: conversations)
    }

    static let question = ChatRequest(user: "ana", message: "What weight should I bench next session?", agent: "planner")

    @Test func lead_isTheStartOfTheAssistantTurn_andOpensTheReply() async throws {
        let backend = RecordingBackend(reply: [" Keep the", " bar path steady."], continues: true)
        let response = try await Self.service(backend).respond(to: Self.question)
        let lead = "Next Bench Press session: 52.5 kg × 5, up from 50 kg."
        #expect(response.lead == lead)
        #expect(response.reply == lead + " Keep the bar path steady.")
        #expect(backend.calls.first?.messages.last == .assistant(lead))
    }

    @Test func backendThatCannotContinue_getsTheLeadAsAnInstruction_andTheReplyStillOpensWithIt() async throws {
        let backend = RecordingBackend(reply: ["Keep the bar path steady."])
        let response = try await Self.service(backend).respond(to: Self.question)
        #expect(response.reply.hasPrefix("Next Bench Press session: 52.5 kg × 5"))
        #expect(response.reply.hasSuffix(" Keep the bar path steady."))
        let last = try #require(backend.calls.first?.messages.last)
        #expect(last.role == .user)
        #expect(last.content.contains("Your reply already begins with"))
    }

    @Test func loadOutsideTheGrounding_neverReachesTheStream_andDoneSaysWhatChanged() async throws {
        let conversations = MemoryConversations()
        let backend = RecordingBackend(reply: [" Then try 90", " kg for a single.", " Rest 2 minutes."], continues: true)
        var deltas: [String] = []
        var done: ChatDone?
        for try await event in try Self.service(backend, conversations: conversations).stream(Self.question) {
            if case .delta(let d) = event { deltas.append(d) }
            if case .done(let d) = event { done = d }
        }
        #expect(!deltas.joined().contains("90"))
        #expect(deltas.joined() == done?.reply)
        // The one bench fact's range rewrites the number before the sentence is released.
        #expect(done?.checks.contains { $0.kind == "load_out_of_range" && $0.corrected } == true)
        #expect(conversations.stored.first?.reply == done?.reply)
    }

    @Test func replyStopsAtTheSentenceCap() async throws {
        let many = (1...12).map { " Sentence number \($0) is here." }
        let backend = RecordingBackend(reply: many, continues: true)
        let service = try Self.service(backend)
        let cap = try #require(service.configuration.agents["planner"]?.maxSentences)
        let response = try await service.respond(to: Self.question)
        #expect(SentenceGate.count(response.reply) == cap)
        #expect(response.checks.contains { $0.kind == "sentence_cap" })
    }
}

@Suite struct RouteOnlyTests {
    @Test func routeOnly_rejectsEmptyAndOverlongMessages_likeAChat() throws {
        let service = try ChatServiceLeadTests.service(RecordingBackend())
        for bad in ["  ", String(repeating: "x", count: 8001)] {
            let error = #expect(throws: AgentsError.self) { try service.route(bad) }
            #expect(error?.kind == .invalidRequest)
        }
        #expect(try service.route("My knee hurts").agent == "coach")
    }
}
