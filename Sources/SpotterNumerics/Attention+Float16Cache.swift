import CQuantKernels

/// Attention over a float16 KV cache (C kernels, AVX2 or portable by `KernelLevel`).
///
/// Cache layout of one layer and one KV head (`d` values per head, capacity a multiple of 64):
/// keys in blocks of 64 positions, each block transposed — key `p`'s value `i` at
/// `keys[(p/64)·64·d + i·64 + p%64]` — and values row-major, value `p` at `values + p·d`.
extension Attention {
    /// Key positions per cache block; capacities are multiples of it.
    public static let blockPositions = 64

    /// Converts `tokens` key and value rows (row `t` at `+ t·stride` floats, `d` values) to
    /// float16 and stores them at positions `firstPosition …` of one head's cache.
    @inlinable
    public static func store(keys k: UnsafePointer<Float>, values v: UnsafePointer<Float>, stride: Int, tokens: Int,
                             firstPosition: Int, dimension d: Int,
                             intoKeys keys: UnsafeMutablePointer<UInt16>, values: UnsafeMutablePointer<UInt16>) {
        sq_store_kv_f16(k, v, stride, Int32(tokens), Int32(firstPosition), Int32(d), keys, values)
    }

    /// Causal attention of the `group` query heads that share one KV head, for `tokens`
    /// consecutive positions from `firstPosition`: query `(t, j)` at `q + t·queryStride + j·d`,
    /// its output at `out + t·outputStride + j·d`. Each key/value block is converted once per
    /// tile of up to 16 queries; the online softmax uses a vectorised exp. One token gives the
    /// same bits as the same token inside a batch.
    /// - Parameter scratch: `scratchCount(dimension:)` floats.
    @inlinable
    public static func attend(queries q: UnsafePointer<Float>, queryStride: Int, tokens: Int, firstPosition: Int,
                              group: Int, dimension d: Int, keys: UnsafePointer<UInt16>, values: UnsafePointer<UInt16>,
                              scale: Float, into out: UnsafeMutablePointer<Float>, outputStride: Int,
                              scratch: UnsafeMutablePointer<Float>) {
        sq_attention_f16(q, queryStride, Int32(tokens), Int32(firstPosition), Int32(group), Int32(d),
                         keys, values, scale, out, outputStride, scratch)
    }

    /// Key positions per segment: `attend` folds the softmax states of consecutive segments, so
    /// one query's keys can be split over threads (`attendSegment`, then `mergeSegments`).
    public static var segmentPositions: Int { Int(sq_attention_segment_positions()) }

    /// Floats of one query's partial state for `attendSegment` (`m`, `l` and `d` outputs).
    public static func partialCount(dimension d: Int) -> Int { d + 2 }

    /// The part of `attend` over key positions `[segment·S, (segment+1)·S)` (S =
    /// `segmentPositions`): writes each query's softmax state to `partial` (query `t·group + j`
    /// at `+ (t·group + j)·partialCount`). Segments a query does not reach are written empty.
    @inlinable
    public static func attendSegment(queries q: UnsafePointer<Float>, queryStride: Int, tokens: Int, firstPosition: Int,
                                     group: Int, dimension d: Int, keys: UnsafePointer<UInt16>, values: UnsafePointer<UInt16>,
                                     scale: Float, segment: Int, into partial: UnsafeMutablePointer<Float>,
                                     scratch: UnsafeMutablePointer<Float>) {
        sq_attention_f16_segment(q, queryStride, Int32(tokens), Int32(firstPosition), Int32(group), Int32(d),
                                 keys, values, scale, Int32(segment), partial, scratch)
    }

    /// Folds the partial states of segments `0..<segments` (segment `s` at `partials +
    /// s·segmentStride`) in order into the outputs: the same bits as `attend` in one call.
    @inlinable
    public static func mergeSegments(_ partials: UnsafePointer<Float>, segmentStride: Int, segments: Int, tokens: Int,
                                     group: Int, dimension d: Int, into out: UnsafeMutablePointer<Float>, outputStride: Int) {
        sq_attention_f16_merge(partials, segmentStride, Int32(segments), Int32(tokens), Int32(group), Int32(d), out, outputStride)
    }

    /// Floats of scratch space `attend` needs for head dimension `d`.
    public static func scratchCount(dimension d: Int) -> Int { Int(sq_attention_scratch_floats(Int32(d))) }
}

extension Vector {
    /// `gate[i] = silu(gate[i]) · up[i]` with the kernels' vectorised exp (relative error of the
    /// exp ≤ ~2 ulp); elementwise, so any split over threads gives the same bits.
    @inlinable
    public static func swiGLUVectorized(_ gate: UnsafeMutablePointer<Float>, _ up: UnsafePointer<Float>, count: Int) {
        sq_swiglu(gate, up, count)
    }

    /// e^x with the kernels' vectorised exp (tests).
    public static func expVectorized(_ x: [Float]) -> [Float] {
        var y = [Float](repeating: 0, count: x.count)
        sq_exp(x, &y, x.count)
        return y
    }
}

extension HalfFloat {
    /// float32 → float16 bits, round to nearest even (the same bits on every kernel level).
    public static func halves(_ x: [Float]) -> [UInt16] {
        var h = [UInt16](repeating: 0, count: x.count)
        sq_f32_to_f16(x, &h, x.count)
        return h
    }

    /// float16 bits → float32.
    public static func floats(_ h: [UInt16]) -> [Float] {
        var x = [Float](repeating: 0, count: h.count)
        sq_f16_to_f32(h, &x, h.count)
        return x
    }
}
