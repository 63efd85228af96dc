import Foundation
import LanguageModel
import Testing
@testable import LLM

/// The embedded backend exposes the model's tokenizer and prefix cache; a model without them
/// (a test double) answers nil, so callers fall back to estimates.
@Suite struct PromptCachingBackendTests {
    static let modelPath: String = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("models/SmolLM2-135M-Instruct.Q4_1.gguf").path
    }()

    @Test func scriptedModel_hasNoTokenizerOrCache() async throws {
        let backend = EmbeddedChatBackend(model: ScriptedChatModel(pieces: ["ok"]))
        #expect(backend.promptTokenCount(for: [.user("hi")]) == nil)
        #expect(backend.textTokenCount("hi") == nil)
        #expect(try await backend.warmPrefix([.system("s")], name: "coach") == nil)
        #expect(backend.promptCacheStatistics == nil)
    }

    @Test func llamaModel_countsExactly_andWarmsPrefixOffThePool() async throws {
        let model = try LlamaModel(path: Self.modelPath, threads: 2, contextLength: 512)
        let backend = EmbeddedChatBackend(model: model)
        let messages: [ChatMessage] = [.system("You are a coach."), .user("Squat 5x5 at 100 kg?")]
        #expect(backend.promptTokenCount(for: messages) == model.promptTokens(for: messages).count)
        #expect(backend.textTokenCount("100 kg") == model.tokenizer.encode("100 kg").count)
        let warm = try #require(try await backend.warmPrefix(Array(messages.prefix(1)), name: "coach"))
        #expect(warm.tokens == model.prefixTokens(for: Array(messages.prefix(1))).count)
        let statistics = try #require(backend.promptCacheStatistics)
        #expect(statistics.pinnedPrefixes == ["coach": warm.tokens])
        backend.dropPrefix(name: "coach")
        #expect(backend.promptCacheStatistics?.pinnedPrefixes.isEmpty == true)
    }
}
