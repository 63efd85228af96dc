import Foundation
import SpotterNumerics
import Synchronization

/// A llama or qwen2 GGUF model running in-process: the embedded `ChatModel`.
///
/// ```swift
/// let model = try LlamaModel(path: "models/SmolLM2-135M-Instruct.Q4_1.gguf")
/// for try await event in model.generate([.user("How many sets?")], options: .init(seed: 1)) {
///     if case .text(let piece) = event { print(piece, terminator: "") }
/// }
/// ```
///
/// Weights stay memory-mapped and quantized; inference runs on a dedicated thread per
/// generation plus the model's own matmul worker threads, never on Swift's cooperative pool.
/// One generation runs at a time; concurrent calls wait their turn. When a new prompt starts
/// with tokens already in the KV cache (a continued conversation), they are not recomputed.
///
/// Context policy: a prompt that does not fit (prompt + 1 token > `contextLength`) fails
/// with `LanguageModelError.contextOverflow`; nothing is silently truncated. When the context
/// fills during generation, generation ends with `FinishReason.length`.
public final class LlamaModel: ChatModel, @unchecked Sendable {
    public let name: String
    public let contextLength: Int
    public let configuration: LlamaConfiguration
    public let tokenizer: BPETokenizer
    public let template: ChatTemplate
    /// Matmul threads (including the generating thread).
    public let threads: Int
    private let file: GGUFFile
    let context: LlamaContext
    let lock = NSLock()
    private var runs: [GenerationStats] = []
    /// The cache statistics as of the last change, readable while a generation holds `lock`.
    let statisticsSnapshot = Mutex<KVCacheStatistics?>(nil)

    /// Stats of the finished generations, oldest first (the last 100): for tests and the bench.
    public var completedRuns: [GenerationStats] { lock.withLock { runs } }
    /// How the KV cache stores keys and values (`.float16` when asked for `.int8` with a head
    /// size that is not a multiple of 32).
    public var cacheFormat: KVCacheFormat { context.cache.format }
    /// Bytes one decode step reads at `position` cached tokens: the weights (every layer's
    /// matrices and the head) and the keys and values so far; divided by the memory bandwidth,
    /// the floor of a decode step's time (the bench prints it).
    public func bytesPerDecodeStep(atPosition position: Int) -> Int {
        context.weights.bytesPerDecodeStep + position * context.cache.bytesPerPosition
    }

    /// Maps and validates the model at `path`.
    /// - Parameters:
    ///   - threads: matmul threads (≥ 1); 2 uses both cores of a small machine.
    ///   - contextLength: KV cache size in tokens, capped at the trained context.
    /// - Throws: `LanguageModelError` naming what is wrong with the file.
    ///   - cacheBudget: pinned-prefix memory and working sequences of the KV cache.
    public init(path: String, threads: Int = 2, contextLength: Int = 2048, cacheBudget: KVCacheBudget = .init()) throws {
        file = try GGUFFile(path: path)
        configuration = try LlamaConfiguration(file: file)
        tokenizer = try BPETokenizer(file: file)
        template = try ChatTemplate(file: file)
        let weights = try LlamaWeights(file: file, config: configuration)
        guard tokenizer.vocabularySize <= configuration.vocabularySize else {
            throw LanguageModelError.corrupt("the vocabulary has \(tokenizer.vocabularySize) tokens but the embedding \(configuration.vocabularySize) rows")
        }
        self.threads = max(1, threads)
        self.contextLength = max(16, min(contextLength, configuration.trainedContext))
        name = file.metadata["general.name"]?.string ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        context = LlamaContext(config: configuration, weights: weights, contextLength: self.contextLength, threads: self.threads,
                               cacheBudget: cacheBudget)
    }

    /// The prompt tokens for `messages` (chat template, control tokens parsed, no BOS).
    public func promptTokens(for messages: [ChatMessage]) -> [Int] {
        tokenizer.encode(template.render(messages))
    }

    public func generate(_ messages: [ChatMessage], options: SamplingOptions) -> AsyncThrowingStream<GenerationEvent, Error> {
        generate(promptTokens: promptTokens(for: messages), options: options)
    }

    /// Streams a continuation of raw prompt tokens.
    public func generate(promptTokens: [Int], options: SamplingOptions) -> AsyncThrowingStream<GenerationEvent, Error> {
        AsyncThrowingStream { continuation in
            let cancelled = CancellationFlag()
            continuation.onTermination = { _ in cancelled.set() }
            let thread = Thread { [self] in
                do {
                    try self.run(promptTokens, options: options, cancelled: cancelled) { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            thread.name = "spotter-generate"
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    /// Logits of the last `lastPositions` positions after evaluating `tokenIds` from an empty
    /// cache (one batch pass, as at prefill). Blocks the caller: for tests and benchmarks.
    public func logits(for tokenIds: [Int], lastPositions: Int = 1) throws -> [[Float]] {
        lock.lock()
        defer { lock.unlock() }
        let rows = min(lastPositions, tokenIds.count), vocabulary = configuration.vocabularySize
        var flat = [Float](repeating: 0, count: rows * vocabulary)
        context.prepareEmpty()
        try flat.withUnsafeMutableBufferPointer { try context.evaluate(tokenIds, logitRows: rows, into: $0.baseAddress!) }
        return (0..<rows).map { Array(flat[$0 * vocabulary..<($0 + 1) * vocabulary]) }
    }

    /// Logits after evaluating `tokenIds` one token at a time from an empty cache (decode path).
    public func incrementalLogits(for tokenIds: [Int]) throws -> [[Float]] {
        lock.lock()
        defer { lock.unlock() }
        context.prepareEmpty()
        return try tokenIds.map { id in
            try context.evaluate([id])
            return Array(UnsafeBufferPointer(start: context.lastLogits, count: configuration.vocabularySize))
        }
    }

    /// Greedy continuation of `prompt` for exactly `count` tokens from an empty cache, ignoring
    /// end-of-turn tokens: for benchmarks (fixed work) and tests. Blocks the caller. Under
    /// `profile`, the phases cover the generated tokens only (not the prompt).
    public func continueGreedily(_ prompt: [Int], count: Int) throws -> GreedyRun {
        lock.lock()
        defer { lock.unlock() }
        context.prepareEmpty()
        let t0 = ContinuousClock.now
        try context.evaluate(prompt)
        if context.profile != nil { context.profile = EngineProfile() }   // profile the generated tokens only
        let t1 = ContinuousClock.now, cpu1 = GreedyRun.processCPUSeconds()
        var tokens: [Int] = []
        for step in 0..<count {
            let s0 = ContinuousClock.now
            let id = Sampler.argmax(context.lastLogits, count: configuration.vocabularySize)
            if context.profile != nil { context.profile!.sampling += (ContinuousClock.now - s0).seconds }
            tokens.append(id)
            if step < count - 1 { try context.evaluate([id]) }
        }
        return GreedyRun(tokens: tokens, prefillSeconds: (t1 - t0).seconds, decodeSeconds: (ContinuousClock.now - t1).seconds,
                         decodeCPUSeconds: GreedyRun.processCPUSeconds() - cpu1)
    }

    // MARK: - The generation loop (on its own thread)

    private func run(_ prompt: [Int], options: SamplingOptions, cancelled: CancellationFlag,
                     emit: (GenerationEvent) -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        guard !prompt.isEmpty else { throw LanguageModelError.contextOverflow(tokens: 0, limit: contextLength) }
        guard prompt.count < contextLength else {
            throw LanguageModelError.contextOverflow(tokens: prompt.count + 1, limit: contextLength)
        }
        let started = ContinuousClock.now
        // Reuse the longest cached prefix (a working sequence or a pinned agent prefix); cached
        // keys and values are bit-identical to a fresh prefill, so a seed always gives the same text.
        let common = context.prepare(for: prompt)
        try context.evaluate(Array(prompt[common...]), isCancelled: { cancelled.isSet })
        let prefilled = ContinuousClock.now

        var sampler = Sampler(options: options)
        var history = prompt
        var decoder = UTF8StreamDecoder()
        var stops = StopScanner(stops: options.stop)
        var generated = 0
        var finish = FinishReason.length
        while generated < options.maxTokens {
            if cancelled.isSet { finish = .cancelled; break }
            let id = sampler.sample(context.lastLogits, count: configuration.vocabularySize, history: history)
            generated += 1
            if tokenizer.endOfGenerationTokens.contains(id) || tokenizer.isControl(id) { finish = .stop; break }
            history.append(id)
            let (text, hit) = stops.push(decoder.append(tokenizer.bytes(of: id)))
            if !text.isEmpty { emit(.text(text)) }
            if hit { finish = .stop; break }
            if generated == options.maxTokens || context.tokens.count >= contextLength { break }
            try context.evaluate([id])
        }
        if !stops.matched {
            let rest = stops.flush(decoder.finish())
            if !rest.isEmpty { emit(.text(rest)) }
        }
        let done = ContinuousClock.now
        let stats = GenerationStats(
            promptTokens: prompt.count, completionTokens: generated, finishReason: finish,
            prefillSeconds: (prefilled - started).seconds, decodeSeconds: (done - prefilled).seconds,
            cachedPromptTokens: common)
        runs = Array((runs + [stats]).suffix(100))
        publishCacheStatistics()
        emit(.finished(stats))
    }
}

/// Set from `onTermination` (any thread), read by the generation thread.
final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func set() { flag.store(true, ordering: .releasing) }
    var isSet: Bool { flag.load(ordering: .acquiring) }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) * 1e-18
    }
}
