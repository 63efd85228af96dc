import Foundation
import SpotterNumerics

/// One batch through the layers (see `LlamaContext` for the maths). Per-token steps run over
/// the worker pool in chunks of tokens; matrix products split weight rows over the pool.
extension LlamaContext {
    func forward(_ ids: [Int]) {
        let c = config, e = c.embedding, kvd = c.kvDimension, ff = c.feedForward
        let batch = ids.count
        let p0 = tokens.count
        var mark = ContinuousClock.now
        func phase(_ keyPath: WritableKeyPath<EngineProfile, Double>) {
            guard profile != nil else { return }
            let now = ContinuousClock.now
            profile![keyPath: keyPath] += (now - mark).seconds
            mark = now
        }
        let x = self.x, xn = self.xn, q = self.q, k = self.k, v = self.v
        forEachToken(batch) { t in weights.tokenEmbedding.dequantizeRow(ids[t], into: x + t * e) }

        for (l, layer) in weights.layers.enumerated() {
            // --- attention ---
            normalize(batch, weight: layer.attentionNorm, columns: e)
            phase(\.norms)
            project(xn, batch: batch, (layer.query, q), (layer.key, k), (layer.value, v))
            phase(\.matmul)
            forEachToken(batch) { t in
                if let b = layer.queryBias { add(b, to: q + t * e, count: e) }
                if let b = layer.keyBias { add(b, to: k + t * kvd, count: kvd) }
                if let b = layer.valueBias { add(b, to: v + t * kvd, count: kvd) }
                rotate(q + t * e, heads: c.heads, position: p0 + t)
                rotate(k + t * kvd, heads: c.kvHeads, position: p0 + t)
            }
            store(layer: l, batch: batch, firstPosition: p0)
            phase(\.norms)
            attend(layer: l, batch: batch, firstPosition: p0)
            phase(\.attention)
            quantizeRows(attention, batch: batch, columns: e)
            phase(\.norms)
            project(attention, batch: batch, (layer.output, xn))
            phase(\.matmul)
            forEachToken(batch) { t in add(xn + t * e, to: x + t * e, count: e) }

            // --- SwiGLU feed-forward ---
            normalize(batch, weight: layer.feedForwardNorm, columns: e)
            phase(\.norms)
            project(xn, batch: batch, (layer.gate, gate), (layer.up, up))
            phase(\.matmul)
            let gate = self.gate, up = self.up, quantized = self.quantized
            quantized.prepare(rows: batch, columns: ff)
            forEachToken(batch) { t in
                Vector.swiGLUVectorized(gate + t * ff, up + t * ff, count: ff)
                quantized.quantize(gate, rowRange: t..<t + 1)
            }
            phase(\.norms)
            project(gate, batch: batch, (layer.down, xn))
            phase(\.matmul)
            forEachToken(batch) { t in add(xn + t * e, to: x + t * e, count: e) }
        }
        slot.tokens.append(contentsOf: ids)
        phase(\.norms)
    }

    /// Final norm and LM head for batch rows `rows` of the last forward pass.
    func head(rows: Range<Int>, into out: UnsafeMutablePointer<Float>) {
        let started = ContinuousClock.now
        let e = config.embedding, x = self.x, xn = self.xn, quantized = self.quantized
        let norm = weights.outputNorm, epsilon = config.rmsEpsilon
        quantized.prepare(rows: rows.count, columns: e)
        forEachToken(rows.count) { i in
            norm.withUnsafeBufferPointer { w in
                Vector.rmsNorm(x + (rows.lowerBound + i) * e, weight: w.baseAddress!, epsilon: epsilon, into: xn + i * e, count: e)
            }
            quantized.quantize(xn, rowRange: i..<i + 1)
        }
        project(xn, batch: rows.count, (weights.head, out))
        if profile != nil { profile!.head += (ContinuousClock.now - started).seconds }
    }

    /// `xn = RMSNorm(x) · weight` for every token, then quantizes `xn` for the next products.
    private func normalize(_ batch: Int, weight: [Float], columns e: Int) {
        let x = self.x, xn = self.xn, quantized = self.quantized, epsilon = config.rmsEpsilon
        quantized.prepare(rows: batch, columns: e)
        weight.withUnsafeBufferPointer { w in
            let w = w.baseAddress!
            forEachToken(batch) { t in
                Vector.rmsNorm(x + t * e, weight: w, epsilon: epsilon, into: xn + t * e, count: e)
                quantized.quantize(xn, rowRange: t..<t + 1)
            }
        }
    }

    private func quantizeRows(_ input: UnsafeMutablePointer<Float>, batch: Int, columns: Int) {
        let quantized = self.quantized
        quantized.prepare(rows: batch, columns: columns)
        forEachToken(batch) { t in quantized.quantize(input, rowRange: t..<t + 1) }
    }

    /// Runs `body(t)` for every token of the batch over the pool (inline for one token).
    func forEachToken(_ batch: Int, _ body: (Int) -> Void) {
        let chunk = max(1, batch / (pool.threads * 4))
        pool.forEachChunk(batch, chunk: chunk) { range, _ in for t in range { body(t) } }
    }

    /// `y = input · Wᵀ` for up to three matrices sharing one input (already quantized in
    /// `quantized` unless a matrix is stored as float), rows split over the pool: the rows of the
    /// matrices, taken one after the other, are cut into chunks that the threads claim as they
    /// become free (one pool job, hence one wait, per call).
    ///
    /// Quantized formats use integer products (`multiply(quantized:…)`); F16/F32 matrices
    /// decode rows to float and use `sgemm`.
    func project(_ input: UnsafeMutablePointer<Float>, batch: Int,
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
        let threads = pool.threads, x = quantized, scratch = self.scratch, stride = scratchStride
        // ~8 chunks per thread, at least 16 rows: claims are cheap next to the work.
        let chunk = max(16, (total / (threads * 8) + 15) / 16 * 16)
        pool.forEachChunk(total, chunk: chunk) { range, participant in
            forEachMatrix(range) { job, rows in
                if job.0.supportsIntegerDot {
                    job.0.multiply(quantized: x, into: job.1, outputStride: job.0.rows, rows: rows)
                } else {
                    job.0.multiply(input, batch: batch, into: job.1, outputStride: job.0.rows, rows: rows,
                                   scratch: scratch + participant * stride)
                }
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

    /// Stores the batch's keys and values (in `k`, `v`) at positions `p0 …` of the active slot.
    private func store(layer l: Int, batch: Int, firstPosition p0: Int) {
        let c = config, d = c.headDimension, kvd = c.kvDimension
        for h in 0..<c.kvHeads {
            let keys = cache.keys(slot, layer: l, head: h), values = cache.values(slot, layer: l, head: h)
            Attention.store(cache.format, keys: k + h * d, values: v + h * d, stride: kvd, tokens: batch, firstPosition: p0,
                            dimension: d, intoKeys: keys, values: values)
        }
    }

    /// Causal grouped-query attention of the batch's queries (in `q`) over the active slot,
    /// into `attention`: one unit per KV head and tile of tokens, so each key/value block is
    /// read once for the query heads that share it. A decode step (one token) has only one
    /// unit per KV head, so its keys are split instead into segments (one unit per KV head and
    /// segment) whose softmax states are merged afterwards: the same bits as one call.
    private func attend(layer: Int, batch: Int, firstPosition p0: Int) {
        let c = config, d = c.headDimension, e = c.embedding
        let group = c.heads / c.kvHeads
        let scale = 1 / Float(d).squareRoot()
        let q = self.q, attention = self.attention, scratch = self.scratch, stride = scratchStride
        let cache = self.cache, slot = self.slot, format = cache.format
        let segments = p0 / Attention.segmentPositions + 1
        if batch == 1 && segments > 1 {
            let partials = self.partials, per = group * Attention.partialCount(dimension: d)
            let headStride = maxSegments * per
            pool.forEachChunk(c.kvHeads * segments, chunk: 1) { units, participant in
                for unit in units {
                    let g = unit % c.kvHeads, s = unit / c.kvHeads
                    let keys = cache.keys(slot, layer: layer, head: g), values = cache.values(slot, layer: layer, head: g)
                    Attention.attendSegment(format, queries: q + g * group * d, queryStride: e, tokens: 1, firstPosition: p0,
                                            group: group, dimension: d, keys: keys, values: values, scale: scale, segment: s,
                                            into: partials + g * headStride + s * per, scratch: scratch + participant * stride)
                }
            }
            for g in 0..<c.kvHeads {
                Attention.mergeSegments(partials + g * headStride, segmentStride: per, segments: segments, tokens: 1,
                                        group: group, dimension: d, into: attention + g * group * d, outputStride: e)
            }
            return
        }
        let tileTokens = max(1, 16 / group)
        let tiles = (batch + tileTokens - 1) / tileTokens
        pool.forEachChunk(c.kvHeads * tiles, chunk: 1) { units, participant in
            for unit in units {
                let g = unit % c.kvHeads, t0 = unit / c.kvHeads * tileTokens
                let n = min(tileTokens, batch - t0)
                let keys = cache.keys(slot, layer: layer, head: g), values = cache.values(slot, layer: layer, head: g)
                Attention.attend(format, queries: q + t0 * e + g * group * d, queryStride: e, tokens: n, firstPosition: p0 + t0,
                                 group: group, dimension: d, keys: keys, values: values, scale: scale,
                                 into: attention + t0 * e + g * group * d, outputStride: e, scratch: scratch + participant * stride)
            }
        }
    }
}
