import Foundation
import SpotterNumerics

/// The forward pass of a llama/qwen2 model with its KV cache and every work buffer, allocated
/// once. Not thread-safe: one generation uses it at a time (`LlamaModel` serialises).
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
/// Prefill runs in float32 (weights decoded on the fly, `sgemm`); decode quantizes activations
/// to 8 bits and uses integer dot products over the quantized weight blocks, as llama.cpp does.
final class LlamaContext {
    let config: LlamaConfiguration
    let weights: LlamaWeights
    let pool: WorkerPool
    /// Maximum tokens in the cache.
    let contextLength: Int
    /// Tokens evaluated per batch during prefill.
    let maxBatch = 64
    /// The tokens whose keys and values are in the cache, in order.
    private(set) var tokens: [Int] = []

    private let x: UnsafeMutablePointer<Float>          // (maxBatch, E) residual stream
    private let xn: UnsafeMutablePointer<Float>         // (maxBatch, E) normed / projected
    private let q: UnsafeMutablePointer<Float>          // (maxBatch, E)
    private let k: UnsafeMutablePointer<Float>          // (maxBatch, KV)
    private let v: UnsafeMutablePointer<Float>          // (maxBatch, KV)
    private let attention: UnsafeMutablePointer<Float>  // (maxBatch, E)
    private let gate: UnsafeMutablePointer<Float>       // (maxBatch, FF)
    private let up: UnsafeMutablePointer<Float>         // (maxBatch, FF)
    private let scores: UnsafeMutablePointer<Float>     // (threads, contextLength)
    private let scratch: UnsafeMutablePointer<Float>    // (threads, batchChunkRows × max(E, FF))
    private let quantizedInput: QuantizedActivation     // (max(E, FF)) int8 blocks of a decode input
    private let keyCache: UnsafeMutablePointer<Float>   // (layers, contextLength, KV)
    private let valueCache: UnsafeMutablePointer<Float> // (layers, contextLength, KV)
    private let ropeCos: UnsafeMutablePointer<Float>    // (contextLength, ropeDimensions / 2)
    private let ropeSin: UnsafeMutablePointer<Float>    // (contextLength, ropeDimensions / 2)
    /// Logits of the last evaluated position (vocabulary).
    let lastLogits: UnsafeMutablePointer<Float>
    private let scratchStride: Int
    private var allocations: [UnsafeMutablePointer<Float>] = []

    init(config c: LlamaConfiguration, weights: LlamaWeights, contextLength: Int, threads: Int) {
        config = c
        self.weights = weights
        self.contextLength = contextLength
        pool = WorkerPool(threads: threads)
        // We parallelise ourselves: OpenBLAS's own threads would compete for the same cores.
        BLAS.setThreads(1)
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
        scores = buffer(threads * contextLength)
        scratchStride = QuantizedMatrix.batchChunkRows * max(c.embedding, c.feedForward)
        scratch = buffer(threads * scratchStride)
        quantizedInput = QuantizedActivation(capacity: max(c.embedding, c.feedForward))
        // Large and touched only as the context fills: untouched pages are not resident.
        keyCache = buffer(c.layers * contextLength * c.kvDimension)
        valueCache = buffer(c.layers * contextLength * c.kvDimension)
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

    /// Leading cached tokens computed by float32 prefill in batches aligned at position 0:
    /// re-evaluating after `exactPrefix` rounded down to `maxBatch` reproduces a fresh prefill
    /// bit for bit (same batches, same kernels), which keeps seeded sampling reproducible.
    private(set) var exactPrefix = 0

    /// Forgets the cache after the first `count` tokens (keeps a shared prompt prefix).
    func truncate(to count: Int) {
        tokens.removeLast(max(0, tokens.count - count))
        exactPrefix = min(exactPrefix, tokens.count)
    }

    /// Evaluates `ids` after the cached tokens and appends them to the cache. Writes the logits
    /// of the last `logitRows` positions to `output` (`logitRows × vocabulary`, row-major), or
    /// to `lastLogits` when `output` is nil (then `logitRows` must be 1).
    /// - Throws: `LanguageModelError.contextOverflow` if the cache would overflow,
    ///   `.invalidToken` for an id outside the vocabulary.
    /// `isCancelled` is checked between batches; when it returns true, evaluation stops with
    /// `CancellationError` (the cache keeps the batches done so far).
    ///
    /// `decode` selects the fast path for a single token (8-bit quantized activations, integer
    /// dot products); otherwise every product is float32 (`sgemm`), whatever the batch size, so
    /// a prompt gives the same logits whether or not part of it was already cached.
    func evaluate(_ ids: [Int], logitRows: Int = 1, into output: UnsafeMutablePointer<Float>? = nil,
                  decode: Bool = false, isCancelled: (() -> Bool)? = nil) throws {
        guard tokens.count + ids.count <= contextLength else {
            throw LanguageModelError.contextOverflow(tokens: tokens.count + ids.count, limit: contextLength)
        }
        if let bad = ids.first(where: { $0 < 0 || $0 >= config.vocabularySize }) { throw LanguageModelError.invalidToken(bad) }
        precondition(output != nil || logitRows <= 1, "several logit rows need an output buffer")
        let extendsExactPrefix = !decode && exactPrefix == tokens.count && tokens.count % maxBatch == 0
        defer { if extendsExactPrefix { exactPrefix = tokens.count } }
        let out = output ?? lastLogits
        let firstLogitIndex = ids.count - min(logitRows, ids.count)
        var start = 0
        while start < ids.count {
            if let isCancelled, isCancelled() { throw CancellationError() }
            let count = min(maxBatch, ids.count - start)
            forward(Array(ids[start..<start + count]), quantized: decode && ids.count == 1)
            // Head for the rows of this chunk that are among the last `logitRows`.
            let lo = max(start, firstLogitIndex)
            if lo < start + count {
                head(rows: (lo - start)..<count, into: out + (lo - firstLogitIndex) * config.vocabularySize, quantized: decode && ids.count == 1)
            }
            start += count
        }
    }

    // MARK: - One batch

    private func forward(_ ids: [Int], quantized: Bool) {
        let c = config, e = c.embedding, kvd = c.kvDimension, ff = c.feedForward
        let batch = ids.count
        let p0 = tokens.count
        for (t, id) in ids.enumerated() { weights.tokenEmbedding.dequantizeRow(id, into: x + t * e) }

        for (l, layer) in weights.layers.enumerated() {
            // --- attention ---
            for t in 0..<batch {
                Vector.rmsNorm(x + t * e, weight: layer.attentionNorm, epsilon: c.rmsEpsilon, into: xn + t * e, count: e)
            }
            project(xn, batch: batch, quantized: quantized, (layer.query, q), (layer.key, k), (layer.value, v))
            for t in 0..<batch {
                if let b = layer.queryBias { add(b, to: q + t * e, count: e) }
                if let b = layer.keyBias { add(b, to: k + t * kvd, count: kvd) }
                if let b = layer.valueBias { add(b, to: v + t * kvd, count: kvd) }
                rotate(q + t * e, heads: c.heads, position: p0 + t)
                rotate(k + t * kvd, heads: c.kvHeads, position: p0 + t)
            }
            let layerKeys = keyCache + l * contextLength * kvd
            let layerValues = valueCache + l * contextLength * kvd
            (layerKeys + p0 * kvd).update(from: k, count: batch * kvd)
            (layerValues + p0 * kvd).update(from: v, count: batch * kvd)
            attend(batch: batch, firstPosition: p0, keys: layerKeys, values: layerValues)
            project(attention, batch: batch, quantized: quantized, (layer.output, xn))
            add(xn, to: x, count: batch * e)

            // --- SwiGLU feed-forward ---
            for t in 0..<batch {
                Vector.rmsNorm(x + t * e, weight: layer.feedForwardNorm, epsilon: c.rmsEpsilon, into: xn + t * e, count: e)
            }
            project(xn, batch: batch, quantized: quantized, (layer.gate, gate), (layer.up, up))
            Vector.swiGLU(gate, up, count: batch * ff)
            project(gate, batch: batch, quantized: quantized, (layer.down, xn))
            add(xn, to: x, count: batch * e)
        }
        tokens.append(contentsOf: ids)
    }

    /// Final norm and LM head for batch rows `rows` of the last forward pass.
    private func head(rows: Range<Int>, into out: UnsafeMutablePointer<Float>, quantized: Bool) {
        let e = config.embedding
        for (i, t) in rows.enumerated() {
            Vector.rmsNorm(x + t * e, weight: weights.outputNorm, epsilon: config.rmsEpsilon, into: xn + i * e, count: e)
        }
        project(xn, batch: rows.count, quantized: quantized, (weights.head, out))
    }

    /// `y = input · Wᵀ` for up to three matrices sharing one input, rows split over the pool.
    ///
    /// One token in decode (`quantized`): the input is quantized to 8-bit blocks once and every row is an
    /// integer dot product (as llama.cpp does). Otherwise (prefill, logits for tests): rows
    /// are decoded to float32 and multiplied with `sgemm`, exact to float32 rounding.
    ///
    /// The rows of the matrices, taken one after the other, are cut into chunks that the pool's
    /// threads claim as they become free (one pool job, hence one wait, per call).
    private func project(_ input: UnsafeMutablePointer<Float>, batch: Int, quantized: Bool,
                         _ a: (QuantizedMatrix, UnsafeMutablePointer<Float>),
                         _ b: (QuantizedMatrix, UnsafeMutablePointer<Float>)? = nil,
                         _ c: (QuantizedMatrix, UnsafeMutablePointer<Float>)? = nil) {
        let jobs = (a, b ?? a, c ?? a)
        let count = 1 + (b == nil ? 0 : 1) + (c == nil ? 0 : 1)
        let rows0 = a.0.rows, rows1 = count > 1 ? jobs.1.0.rows : 0, rows2 = count > 2 ? jobs.2.0.rows : 0
        let total = rows0 + rows1 + rows2
        /// Runs `body(job, rows)` for the parts of the concatenated row range `range`.
        @inline(__always) func forEachMatrix(_ range: Range<Int>, _ body: ((QuantizedMatrix, UnsafeMutablePointer<Float>), Range<Int>) -> Void) {
            var lo = range.lowerBound
            let hi = range.upperBound
            if lo < rows0 { body(jobs.0, lo..<min(hi, rows0)); lo = min(hi, rows0) }
            if lo < hi, lo < rows0 + rows1 { body(jobs.1, (lo - rows0)..<(min(hi, rows0 + rows1) - rows0)); lo = min(hi, rows0 + rows1) }
            if lo < hi { body(jobs.2, (lo - rows0 - rows1)..<(hi - rows0 - rows1)) }
        }
        let threads = pool.threads
        if quantized, batch == 1, a.0.supportsIntegerDot, b?.0.supportsIntegerDot ?? true, c?.0.supportsIntegerDot ?? true {
            let x = quantizedInput
            x.quantize(input, count: a.0.columns)
            // ~8 chunks per thread, at least 32 rows: claims are cheap next to the work.
            let chunk = max(32, (total / (threads * 8) + 15) / 16 * 16)
            pool.forEachChunk(total, chunk: chunk) { range, _ in
                forEachMatrix(range) { job, rows in job.0.multiply(quantized: x, into: job.1, rows: rows) }
            }
            return
        }
        let scratch = self.scratch, stride = scratchStride
        let chunk = batch == 1 ? max(32, (total / (threads * 8) + 15) / 16 * 16) : QuantizedMatrix.batchChunkRows
        pool.forEachChunk(total, chunk: chunk) { range, participant in
            forEachMatrix(range) { job, rows in
                job.0.multiply(input, batch: batch, into: job.1, outputStride: job.0.rows, rows: rows,
                               scratch: scratch + participant * stride)
            }
        }
    }

    private func add(_ a: UnsafePointer<Float>, to y: UnsafeMutablePointer<Float>, count: Int) {
        Vector.addScaled(a, 1, into: y, count: count)
    }

    private func add(_ a: [Float], to y: UnsafeMutablePointer<Float>, count: Int) {
        a.withUnsafeBufferPointer { Vector.addScaled($0.baseAddress!, 1, into: y, count: count) }
    }

    /// Rotary position embedding of `heads` vectors of `headDimension` at `position`.
    private func rotate(_ vectors: UnsafeMutablePointer<Float>, heads: Int, position: Int) {
        let d = config.headDimension, half = config.ropeDimensions / 2
        let cosines = ropeCos + position * half, sines = ropeSin + position * half
        let neox = config.architecture == .qwen2
        for h in 0..<heads {
            let head = vectors + h * d
            for i in 0..<half {
                let (i0, i1) = neox ? (i, i + half) : (2 * i, 2 * i + 1)
                let x0 = head[i0], x1 = head[i1]
                head[i0] = x0 * cosines[i] - x1 * sines[i]
                head[i1] = x0 * sines[i] + x1 * cosines[i]
            }
        }
    }

    /// Causal grouped-query attention of `batch` queries (in `q`) over the cache, into `attention`.
    private func attend(batch: Int, firstPosition p0: Int, keys: UnsafePointer<Float>, values: UnsafePointer<Float>) {
        let c = config, d = c.headDimension, kvd = c.kvDimension, e = c.embedding
        let group = c.heads / c.kvHeads
        let scale = 1 / Float(d).squareRoot()
        let q = self.q, attention = self.attention, scores = self.scores, contextLength = self.contextLength
        pool.forEachChunk(batch * c.heads, chunk: 1) { units, part in
            let s = scores + part * contextLength
            for unit in units {
                let t = unit / c.heads, h = unit % c.heads
                let g = h / group
                let query = q + t * e + h * d
                let positions = p0 + t + 1
                Attention.scores(query, keys: keys + g * d, stride: kvd, count: positions, dimension: d, scale: scale, into: s)
                Vector.softmax(s, count: positions)
                Attention.mix(values + g * d, stride: kvd, count: positions, dimension: d, weights: s, into: attention + t * e + h * d)
            }
        }
    }
}
