import Foundation
import LanguageModel
import LLM
import Testing
import SpotterTestSupport
@testable import Agents

/// The static prefix (system prompt + few-shot turns) is byte-stable, token counts are exact
/// with the embedded tokenizer, and a prompt that cannot fit is a 422 naming the sizes.
@Suite struct PromptPrefixTests {
    static let config = try! AgentsConfiguration.load(from: agentsYAML)
    static let modelPath = repositoryRoot().appendingPathComponent("models/SmolLM2-135M-Instruct.Q4_1.gguf").path
    static let model = Result { try LlamaModel(path: modelPath, threads: 2, contextLength: 3072) }

    @Test func staticPrefix_isTheSameWhateverTheRequest() async throws {
        let agent = try #require(Self.config.agents["planner"])
        let assembler = PromptAssembler(contextLength: 3072)
        let ana = try await FixedUsers().userContext(for: "ana")
        let small = try assembler.assemble(agent: agent, maxTokens: 64, context: ana, facts: [], passages: [], memory: [], message: "hi")
        let large = try assembler.assemble(
            agent: agent, maxTokens: 320, context: ana,
            facts: try await FixedGrounding().groundingFacts(for: "", user: "ana", context: ana),
            passages: try await FixedPassages().passages(for: "", limit: 2),
            memory: [ConversationMessage(role: "user", content: "before"), ConversationMessage(role: "assistant", content: "after")],
            message: String(repeating: "How heavy should I bench on Monday? ", count: 20))
        let prefix = assembler.staticPrefix(for: agent)
        #expect(Array(small.messages.prefix(small.prefixMessages)) == prefix)
        #expect(Array(large.messages.prefix(large.prefixMessages)) == prefix)
        #expect(prefix.count > 1, "the few-shot turns fit a 3072-token context")
    }

    @Test func exactCounter_countsTheWholePromptWithTheModelsTokenizer() async throws {
        let model = try Self.model.get()
        let backend = EmbeddedChatBackend(model: model)
        let counter = TokenCounter.exact(for: backend)
        #expect(counter.isExact)
        let agent = try #require(Self.config.agents["coach"])
        let ana = try await FixedUsers().userContext(for: "ana")
        // Digits tokenize one per token: a byte estimate would be far off here.
        let message = "My last sets were " + (0..<60).map { "\(100 + $0 * 7) kg x\($0 % 9 + 1)" }.joined(separator: ", ")
        let prompt = try PromptAssembler(contextLength: 1024, counter: counter).assemble(
            agent: agent, maxTokens: 200, context: ana, facts: [], passages: [], memory: [], message: message)
        #expect(prompt.estimatedTokens == model.tokenCount(for: prompt.messages))
        #expect(prompt.estimatedTokens <= 1024 - 200)
        #expect(!TokenCounter.exact(for: ScriptedBackend()).isExact)
    }

    @Test func messageThatCannotFit_is422NamingTheSizes() async throws {
        let agent = try #require(Self.config.agents["coach"])
        let ana = try await FixedUsers().userContext(for: "ana")
        let counter = TokenCounter.exact(for: EmbeddedChatBackend(model: try Self.model.get()))
        let error = #expect(throws: AgentsError.self) {
            _ = try PromptAssembler(contextLength: 1024, counter: counter).assemble(
                agent: agent, maxTokens: 200, context: ana, facts: [], passages: [], memory: [],
                message: String(repeating: "squat ", count: 1200))
        }
        #expect(error?.kind == .unprocessable)
        let text = error?.message ?? ""
        #expect(text.contains("1024 tokens") && text.contains("200 tokens") && text.contains("coach"), "\(text)")
    }

    /// The warm-up pins exactly the prefix the assembler puts first, for every agent.
    @Test func warmAgentPrefixes_pinsEachAgentsStaticPrefix() async throws {
        let model = try Self.model.get()
        let backend = EmbeddedChatBackend(model: model)
        let service = ChatService(configuration: Self.config, backend: backend, users: FixedUsers())
        let outcomes = await service.warmAgentPrefixes()
        #expect(outcomes.map(\.agent) == Self.config.agents.keys.sorted())
        #expect(outcomes.allSatisfy { $0.error == nil && ($0.tokens ?? 0) > 0 })
        let assembler = PromptAssembler(contextLength: model.contextLength, counter: .exact(for: backend))
        for outcome in outcomes {
            let prefix = assembler.staticPrefix(for: Self.config.agents[outcome.agent]!)
            #expect(model.cacheStatistics.pinnedPrefixes[outcome.agent] == model.prefixTokens(for: prefix).count)
        }
        #expect(model.cacheStatistics.pinnedBytes <= 100 << 20)
    }
}

/// A remote-like backend without a tokenizer.
private struct ScriptedBackend: ChatBackend {
    var kind: String { "openai" }
    var model: String { "remote" }
    var contextLength: Int? { nil }
    func stream(_ messages: [ChatMessage], options: ChatOptions) -> AsyncThrowingStream<ChatBackendEvent, Error> {
        AsyncThrowingStream { $0.finish() }
    }
}
