import Testing
import LanguageModel
@testable import Agents

@Suite struct PromptAssemblerTests {
    static let config = try! AgentsConfiguration.load(from: agentsYAML, profile: .full)

    static func ana() async throws -> UserContext { try await FixedUsers().userContext(for: "ana") }

    @Test func prompt_isSystemThenFewShotsThenMemoryThenContextAndMessage() async throws {
        let agent = try #require(Self.config.agents["planner"])
        let memory = [ConversationMessage(role: "user", content: "earlier question"),
                      ConversationMessage(role: "assistant", content: "earlier answer")]
        let facts = try await FixedGrounding().groundingFacts(for: "", user: "ana", context: try await Self.ana())
        let ana = try await Self.ana()
        let prompt = try PromptAssembler(contextLength: 8192).assemble(
            agent: agent, maxTokens: 256, context: ana, facts: facts,
            passages: try await FixedPassages().passages(for: "", limit: 2), memory: memory, message: "Plan my bench day")
        let m = prompt.messages
        #expect(m.first == .system(agent.systemPrompt))
        #expect(Array(m[1...(2 * agent.fewShot.count)]) == agent.fewShot.flatMap(\.messages))
        #expect(m[m.count - 3] == .user("earlier question"))
        #expect(m[m.count - 2] == .assistant("earlier answer"))
        let last = m[m.count - 1].content
        #expect(last.hasPrefix("<context>"))
        #expect(last.hasSuffix("</context>\n\nPlan my bench day"))
        for needle in ["[overload:bench-press] Bench Press: deload to 50-52.5 kg", "sleep 5.5 h", "soreness 8/10",
                       "injuries: left wrist", "Bench Press 50 kg x5 @RPE 8", "[p-deload] Deloads"] {
            #expect(last.contains(needle), "context block lacks \(needle)")
        }
        #expect(prompt.citations.map(\.id) == ["p-deload", "p-sleep"])
    }

    @Test func smallContextLength_dropsFewShotsAndMemoryButKeepsSystemContextAndMessage() async throws {
        let agent = try #require(Self.config.agents["insight"])
        let memory = (0..<20).flatMap { i in [ConversationMessage(role: "user", content: "question \(i) " + String(repeating: "x", count: 300)),
                                              ConversationMessage(role: "assistant", content: "answer \(i) " + String(repeating: "y", count: 300))] }
        let contextLength = 1024
        let ana = try await Self.ana()
        let prompt = try PromptAssembler(contextLength: contextLength).assemble(
            agent: agent, maxTokens: 200, context: ana, facts: [], passages: [], memory: memory, message: "How am I doing?")
        #expect(prompt.estimatedTokens <= contextLength - 200)
        #expect(prompt.droppedFewShot > 0)
        #expect(prompt.droppedMemory > 0)
        #expect(prompt.messages.first?.role == .system)
        #expect(prompt.messages.last?.content.hasSuffix("How am I doing?") == true)
        #expect(prompt.messages.last?.content.contains("sleep 5.5 h") == true)
        let total = prompt.messages.reduce(0) { $0 + TokenEstimate.of($1.content) }
        #expect(total <= contextLength - 200)
    }

    @Test func messageLongerThanTheContext_isUnprocessable() async throws {
        let agent = try #require(Self.config.agents["coach"])
        let ana = try await Self.ana()
        let error = #expect(throws: AgentsError.self) {
            _ = try PromptAssembler(contextLength: 1024).assemble(
                agent: agent, maxTokens: 200, context: ana, facts: [], passages: [], memory: [],
                message: String(repeating: "word ", count: 2000))
        }
        #expect(error?.kind == .unprocessable)
    }

    @Test func agentWithoutPassagesTool_getsNoKnowledgeSection() async throws {
        let agent = try #require(Self.config.agents["coach"])
        let ana = try await Self.ana()
        let prompt = try PromptAssembler(contextLength: 4096).assemble(
            agent: agent, maxTokens: 200, context: ana, facts: [],
            passages: try await FixedPassages().passages(for: "", limit: 2), memory: [], message: "hi")
        #expect(prompt.messages.last?.content.contains("Knowledge:") == false)
        #expect(prompt.citations.isEmpty)
    }
}
