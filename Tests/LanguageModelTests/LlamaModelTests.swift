import Foundation
import Testing
@testable import LanguageModel

/// The forward pass against llama.cpp (`top10`, `greedy16`) and the float32 numpy reference
/// (`top10_ref`). The engine quantizes activations to 8 bits and keeps a float16 KV cache, as
/// llama.cpp does, so it is checked against llama.cpp tightly and against float32 within
/// llama.cpp's own distance from float32 (README of the vectors: up to 1.25 over 16 steps).
@Suite struct LlamaModelTests {
    let vectors = ReferenceVectors.shared

    @Test func promptTokens_equalLlamaCppPromptIds() throws {
        let model = try RepositoryFiles.loadModel()
        for c in vectors.logits {
            #expect(model.promptTokens(for: c.messages.map(\.chatMessage)) == c.prompt_ids)
        }
    }

    /// Teacher forcing: the prompt plus llama.cpp's greedy tokens in one batch.
    @Test(arguments: 0..<4)
    func logits_referenceCase_matchLlamaCppWithinStatedTolerance(index: Int) throws {
        let model = try RepositoryFiles.loadModel()
        try ReferenceCheck.check(model, vectors.logits[index], label: "case \(index)")
    }

    /// Prefill and decode run the same kernels on the same per-token arithmetic: evaluating a
    /// sequence one token at a time gives exactly the batch logits, so KV written while
    /// generating is as good as a fresh prefill and any cached prefix can be reused.
    @Test func incrementalLogits_equalBatchLogitsBitForBit() throws {
        let model = try RepositoryFiles.loadModel()
        let c = vectors.logits[0]
        let ids = c.prompt_ids + c.greedy16.dropLast()
        let batch = try model.logits(for: ids, lastPositions: 16)
        let incremental = Array(try model.incrementalLogits(for: ids).suffix(16))
        #expect(batch == incremental)
    }

    @Test func generate_greedy_reproducesReferenceText() async throws {
        let model = try RepositoryFiles.loadModel()
        let c = vectors.logits[3]   // no near-tie in this case's 16 greedy steps (case 0 has one for 8-bit activations)
        let options = SamplingOptions(temperature: 0, repetitionPenalty: 1, maxTokens: 16)
        let (text, stats) = try await collect(model.generate(c.messages.map(\.chatMessage), options: options))
        #expect(text == model.tokenizer.decode(c.greedy16))
        #expect(stats.promptTokens == c.prompt_ids.count)
        #expect(stats.completionTokens == 16 && stats.finishReason == .length)
    }

    @Test func generate_sameSeed_sameText_otherSeed_differentText() async throws {
        let model = try RepositoryFiles.loadModel()
        let messages: [ChatMessage] = [.user("Give me a leg day workout.")]
        func run(_ seed: UInt64) async throws -> String {
            try await collect(model.generate(messages, options: .init(temperature: 1.0, topK: 0, topP: 1, minP: 0, seed: seed, maxTokens: 24))).0
        }
        let a = try await run(7), b = try await run(7), c = try await run(8)
        #expect(a == b)
        #expect(a != c)
        #expect(!a.isEmpty)
    }

    @Test func generate_stopString_endsBeforeIt() async throws {
        let model = try RepositoryFiles.loadModel()
        let c = vectors.logits[3]
        let full = model.tokenizer.decode(c.greedy16)          // "To build muscle, you need to consume a substantial amount of protein…"
        let options = SamplingOptions(temperature: 0, repetitionPenalty: 1, maxTokens: 16, stop: [" protein"])
        let (text, stats) = try await collect(model.generate(c.messages.map(\.chatMessage), options: options))
        #expect(text == String(full[..<full.range(of: " protein")!.lowerBound]))
        #expect(stats.finishReason == .stop)
    }

    @Test func generate_cancelledConsumer_stopsPromptly() async throws {
        let model = try RepositoryFiles.loadModel()
        let before = model.completedRuns.count
        let task = Task {
            var pieces = 0
            for try await event in model.generate([.user("Write a very long essay about squats.")],
                                                  options: .init(temperature: 0.8, seed: 3, maxTokens: 900)) {
                if case .text = event { pieces += 1 }
                if pieces == 3 { break }
            }
        }
        try await task.value
        // The next generation waits for the cancelled one; then its record is there.
        _ = try await collect(model.generate([.user("Hi")], options: .init(temperature: 0, maxTokens: 1)))
        let runs = Array(model.completedRuns.dropFirst(before))
        let cancelled = try #require(runs.first { $0.finishReason == .cancelled })
        #expect(cancelled.completionTokens < 50)
    }

    @Test func generate_promptLongerThanContext_failsWithContextOverflow() async throws {
        let model = try RepositoryFiles.loadModel()
        let long = String(repeating: "squat ", count: 1500)
        await #expect(throws: LanguageModelError.self) {
            _ = try await collect(model.generate([.user(long)], options: .init(maxTokens: 4)))
        }
    }
}

@Suite struct SamplerTests {
    @Test func sample_greedy_picksArgmaxAfterPenalty() {
        var logits: [Float] = [1, 5, 4.8, -2]
        var sampler = Sampler(options: .init(temperature: 0, repetitionPenalty: 1.1))
        let id = logits.withUnsafeMutableBufferPointer { sampler.sample($0.baseAddress!, count: 4, history: [1]) }
        #expect(id == 2)   // 5 / 1.1 < 4.8
    }

    @Test func sample_topK1_isDeterministicWhateverTheSeed() {
        for seed in UInt64(0)..<20 {
            var logits: [Float] = [0.5, 0.1, 0.9, 0.2]
            var sampler = Sampler(options: .init(temperature: 2, topK: 1, repetitionPenalty: 1, seed: seed))
            #expect(logits.withUnsafeMutableBufferPointer { sampler.sample($0.baseAddress!, count: 4, history: []) } == 2)
        }
    }

    @Test func sample_minP_excludesUnlikelyTokens() {
        // p ∝ e^l: token 3 has probability ≈ e^-10 relative to the best, far below min-p 0.05.
        var counts = [0, 0, 0, 0]
        var sampler = Sampler(options: .init(temperature: 1, topK: 0, topP: 1, minP: 0.05, repetitionPenalty: 1, seed: 1))
        for _ in 0..<2000 {
            var logits: [Float] = [10, 10, 9.5, 0]
            counts[logits.withUnsafeMutableBufferPointer { sampler.sample($0.baseAddress!, count: 4, history: []) }] += 1
        }
        #expect(counts[3] == 0)
        #expect(counts[0] > 400 && counts[1] > 400 && counts[2] > 300)
    }

    @Test func sample_topP_keepsSmallestNucleus() {
        var sampler = Sampler(options: .init(temperature: 1, topK: 0, topP: 0.5, minP: 0, repetitionPenalty: 1, seed: 9))
        for _ in 0..<500 {
            var logits: [Float] = [3, 0, 0, 0]   // p(0) ≈ 0.87 > 0.5: the nucleus is token 0 alone
            #expect(logits.withUnsafeMutableBufferPointer { sampler.sample($0.baseAddress!, count: 4, history: []) } == 0)
        }
    }

    @Test func stopScanner_holdsBackPartialStopStrings() {
        var scanner = StopScanner(stops: ["</s>", "User:"])
        #expect(scanner.push("Hello <").text == "Hello ")
        #expect(scanner.push("b>").text == "<b>")
        let hit = scanner.push(" done</")
        #expect(hit.text == " done" && !hit.hit)
        let end = scanner.push("s> more")
        #expect(end.text == "" && end.hit)
    }
}

func argmax(_ v: [Float]) -> Int { v.indices.max { v[$0] < v[$1] }! }

func topK(_ v: [Float], _ k: Int) -> [Int] { Array(v.indices.sorted { v[$0] > v[$1] }.prefix(k)) }

/// Collects a stream's text and final stats.
func collect(_ stream: AsyncThrowingStream<GenerationEvent, Error>) async throws -> (String, GenerationStats) {
    var text = ""
    var stats: GenerationStats?
    for try await event in stream {
        switch event {
        case let .text(piece): text += piece
        case let .finished(s): stats = s
        }
    }
    return (text, try #require(stats))
}
