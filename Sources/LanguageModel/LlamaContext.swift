import Foundation
import SpotterNumerics

/// The forward pass of a llama/qwen2 model with its multi-slot KV cache and every work buffer,
/// allocated once. Not thread-safe: one generation uses it at a time (`LlamaModel` serialises).
///
/// Per token, for each layer (shapes per token; a batch of B tokens is row-major (B, ·)):
/// ```
/// h  = RMSNorm(x) · attn_norm                                  (E)
/// q, k, v = h·Wqᵀ (+bq), h·Wkᵀ (+bk), h·Wvᵀ (+bv)               (E), (KV), (KV)
/// q, k = RoPE(q, pos), RoPE(k, pos)      llama: pairs (2i, 2i+1); qwen2: (i, i + d/2)
/// a_h = softmax(q_h · K_gᵀ / √d) · V_g   g = h / (H / H_kv) (grouped-query attention), causal
/// x += a · Woᵀ
/// h  = RMSNorm(x) · ffn_norm
/// x += (silu(h·Wgateᵀ) ⊙ h·Wupᵀ) · Wdownᵀ                        SwiGLU
/// ```
/// then `logits = RMSNorm(x) · output_norm · Wheadᵀ` (the head is the embedding when tied).
///
/// Every matrix input is quantized to 8-bit blocks once (as llama.cpp does) and multiplied with
/// integer dot products over tiles of weight rows × tokens; keys and values are stored as
/// float16 (or 8-bit blocks: `KVCacheFormat`). All per-token steps do the same arithmetic whatever the batch, so prefill and
/// decode give bit-identical logits and any cached prefix is reusable.
final class LlamaContext {
    let config: LlamaConfiguration
    let weights: LlamaWeights
    let pool: WorkerPool
    /// Maximum tokens in one sequence.
    let contextLength: Int
    /// Tokens evaluated per batch during prefill.
    let maxBatch = 128
    let cache: KVCache
    /// The slot that `evaluate` extends.
    private(set) var slot: KVCache.Slot
    /// Per-phase timings, collected while non-nil (the bench).
    var profile: EngineProfile?

    /// The tokens whose keys and values are in the active slot, in order.
    var tokens: [Int] { slot.tokens }

    let x: UnsafeMutablePointer<Float>           // (maxBatch, E) residual stream
    let xn: UnsafeMutablePointer<Float>          // (maxBatch, E) normed / projected
    let q: UnsafeMutablePointer<Float>           // (maxBatch, E)
    let k: UnsafeMutablePointer<Float>           // (maxBatch, KV)
    let v: UnsafeMutablePointer<Float>           // (maxBatch, KV)
    let attention: UnsafeMutablePointer<Float>   // (maxBatch, E)
    let gate: UnsafeMutablePointer<Float>        // (maxBatch, FF)
    let up: UnsafeMutablePointer<Float>          // (maxBatch, FF)
    let scratch: UnsafeMutablePointer<Float>     // (threads, scratchStride) attention / float fallback
    let scratchStride: Int
    let quantized: QuantizedBatch                // (maxBatch, max(E, FF)) int8 blocks of a matrix input
    let partials: UnsafeMutablePointer<Float>    // (kvHeads, maxSegments, heads/kvHeads, d + 2) decode attention states
    let maxSegments: Int
    let ropeCos: UnsafeMutablePointer<Float>     // (contextLength, ropeDimensions / 2)
    let ropeSin: UnsafeMutablePointer<Float>     // (contextLength, ropeDimensions / 2)
    /// Logits of the last evaluated position (vocabulary).
    let lastLogits: UnsafeMutablePointer<Float>
    private var allocations: [UnsafeMutablePointer<Float>] = []

    init(config c: LlamaConfiguration, weights: LlamaWeights, contextLength: Int, threads: Int,
         cacheBudget: KVCacheBudget = .init()) {
        config = c
        self.weights = weights
        self.contextLength = contextLength
        pool = WorkerPool(threads: threads)
        // We parallelise ourselves: OpenBLAS's own threads would compete for the same cores.
        BLAS.setThreads(1)
        cache = KVCache(layers: c.layers, kvHeads: c.kvHeads, headDimension: c.headDimension, contextLength: contextLength,
                        workingSlots: cacheBudget.workingSlots, prefixBudgetBytes: cacheBudget.prefixBytes,
                        format: cacheBudget.format)
        slot = cache.workingSlot(avoiding: nil)
        var all: [UnsafeMutablePointer<Float>] = []
        func buffer(_ count: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
            all.append(p)
            return p
        }
        let b = maxBatch
        x = buffer(b * c.embedding)
        xn = buffer(b * c.embedding)
        q = buffer(b * c.embedding)
        k = buffer(b * c.kvDimension)
        v = buffer(b * c.kvDimension)
        attention = buffer(b * c.embedding)
        gate = buffer(b * c.feedForward)
        up = buffer(b * c.feedForward)
        // Attention scratch, or rows decoded for `sgemm` when a matrix is not quantized.
        scratchStride = max(Attention.scratchCount(dimension: c.headDimension),
                            QuantizedMatrix.batchChunkRows * max(c.embedding, c.feedForward))
        scratch = buffer(threads * scratchStride)
        quantized = QuantizedBatch(capacity: b * max(c.embedding, c.feedForward))
        maxSegments = contextLength / Attention.segmentPositions + 1
        partials = buffer(c.kvHeads * maxSegments * c.heads / c.kvHeads * Attention.partialCount(dimension: c.headDimension))
        let half = c.ropeDimensions / 2
        ropeCos = buffer(contextLength * half)
        ropeSin = buffer(contextLength * half)
        for i in 0..<half {
            let inverseFrequency = pow(c.ropeBase, -Double(2 * i) / Double(c.ropeDimensions))
            for pos in 0..<contextLength {
                let angle = Double(pos) * inverseFrequency
                ropeCos[pos * half + i] = Float(cos(angle))
                ropeSin[pos * half + i] = Float(sin(angle))
            }
        }
        lastLogits = buffer(c.vocabularySize)
        allocations = all
    }

    deinit {
        for p in allocations { p.deallocate() }
    }

    /// Forgets the active slot's cache after its first `count` tokens.
    func truncate(to count: Int) {
        slot.tokens.removeLast(max(0, slot.tokens.count - count))
    }

    /// Makes `slot` the one `evaluate` extends.
    func activate(_ slot: KVCache.Slot) {
        self.slot = slot
        cache.touch(slot)
    }

    /// Evaluates `ids` after the cached tokens of the active slot and appends them to it.
    /// Writes the logits of the last `logitRows` positions to `output` (`logitRows × vocabulary`,
    /// row-major), or to `lastLogits` when `output` is nil (then `logitRows` must be 1).
    /// `isCancelled` is checked between batches; when it returns true, evaluation stops with
    /// `CancellationError` (the slot keeps the batches done so far).
    /// - Throws: `LanguageModelError.contextOverflow` if the slot would overflow,
    ///   `.invalidToken` for an id outside the vocabulary.
    func evaluate(_ ids: [Int], logitRows: Int = 1, into output: UnsafeMutablePointer<Float>? = nil,
                  isCancelled: (() -> Bool)? = nil) throws {
        let limit = min(contextLength, slot.capacity)
        guard tokens.count + ids.count <= limit else {
            throw LanguageModelError.contextOverflow(tokens: tokens.count + ids.count, limit: limit)
        }
        if let bad = ids.first(where: { $0 < 0 || $0 >= config.vocabularySize }) { throw LanguageModelError.invalidToken(bad) }
        precondition(output != nil || logitRows <= 1, "several logit rows need an output buffer")
        let out = output ?? lastLogits
        let jobs = pool.jobsDispatched
        defer { if profile != nil { profile!.poolJobs += pool.jobsDispatched - jobs } }
        let firstLogitIndex = ids.count - min(logitRows, ids.count)
        var start = 0
        while start < ids.count {
            if let isCancelled, isCancelled() { throw CancellationError() }
            let count = min(maxBatch, ids.count - start)
            forward(Array(ids[start..<start + count]))
            // Head for the rows of this chunk that are among the last `logitRows`.
            let lo = max(start, firstLogitIndex)
            if lo < start + count {
                head(rows: (lo - start)..<count, into: out + (lo - firstLogitIndex) * config.vocabularySize)
            }
            start += count
        }
    }
}

/// How much memory the KV cache may hold beyond the working sequences, and how it stores keys
/// and values.
public struct KVCacheBudget: Sendable, Equatable {
    /// Bytes for pinned prefixes (each agent's static prefix), default 100 MB: ~4,300 positions
    /// of SmolLM2-135M in float16 (23 KB each), room for three prefixes of ~1,400 tokens
    /// (~8,000 positions, 13 KB each, with the 8-bit format).
    public var prefixBytes: Int
    /// Sequences that requests extend (each up to the context length), least recently used
    /// first to go; 2 keeps one conversation warm while another agent answers.
    public var workingSlots: Int
    /// How keys and values are stored: `.float16` (default) or `.int8` (56 % of the bytes,
    /// faster decode at long context, slightly lossier: see `KVCacheFormat`).
    public var format: KVCacheFormat

    public init(prefixBytes: Int = 100 << 20, workingSlots: Int = 2, format: KVCacheFormat = .float16) {
        self.prefixBytes = prefixBytes
        self.workingSlots = workingSlots
        self.format = format
    }
}
