import CQuantKernels

/// Causal grouped-query attention over a KV cache in either `KVCacheFormat` (C kernels, AVX2 or
/// portable by `KernelLevel`). The cache of one layer and one KV head is opaque bytes laid out
/// as its format describes; every format runs through the same tile and segment drivers.
public enum Attention {
    /// Key positions per cache block; capacities are multiples of it.
    public static let blockPositions = 64

    /// Stores `tokens` key and value rows (row `t` at `+ t·stride` floats, `d` values) at
    /// positions `firstPosition …` of one head's cache in `format` (float16: rounded to nearest
    /// even; int8: quantized per block of 32).
    @inlinable
    public static func store(_ format: KVCacheFormat, keys k: UnsafePointer<Float>, values v: UnsafePointer<Float>,
                             stride: Int, tokens: Int, firstPosition: Int, dimension d: Int,
                             intoKeys keys: UnsafeMutableRawPointer, values: UnsafeMutableRawPointer) {
        sq_store_kv(format.kernelFormat, k, v, stride, Int32(tokens), Int32(firstPosition), Int32(d), keys, values)
    }

    /// Causal attention of the `group` query heads that share one KV head, for `tokens`
    /// consecutive positions from `firstPosition`: query `(t, j)` at `q + t·queryStride + j·d`,
    /// its output at `out + t·outputStride + j·d`. Each key/value block is read once per tile
    /// of up to 16 queries; the online softmax uses a vectorised exp. One token gives the same
    /// bits as the same token inside a batch.
    /// - Parameter scratch: `scratchCount(dimension:)` floats.
    @inlinable
    public static func attend(_ format: KVCacheFormat, queries q: UnsafePointer<Float>, queryStride: Int, tokens: Int,
                              firstPosition: Int, group: Int, dimension d: Int,
                              keys: UnsafeRawPointer, values: UnsafeRawPointer, scale: Float,
                              into out: UnsafeMutablePointer<Float>, outputStride: Int,
                              scratch: UnsafeMutablePointer<Float>) {
        sq_attention(format.kernelFormat, q, queryStride, Int32(tokens), Int32(firstPosition), Int32(group), Int32(d),
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
    public static func attendSegment(_ format: KVCacheFormat, queries q: UnsafePointer<Float>, queryStride: Int,
                                     tokens: Int, firstPosition: Int, group: Int, dimension d: Int,
                                     keys: UnsafeRawPointer, values: UnsafeRawPointer, scale: Float, segment: Int,
                                     into partial: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        sq_attention_segment(format.kernelFormat, q, queryStride, Int32(tokens), Int32(firstPosition), Int32(group),
                             Int32(d), keys, values, scale, Int32(segment), partial, scratch)
    }

    /// Folds the partial states of segments `0..<segments` (segment `s` at `partials +
    /// s·segmentStride`) in order into the outputs: the same bits as `attend` in one call.
    @inlinable
    public static func mergeSegments(_ partials: UnsafePointer<Float>, segmentStride: Int, segments: Int, tokens: Int,
                                     group: Int, dimension d: Int, into out: UnsafeMutablePointer<Float>, outputStride: Int) {
        sq_attention_merge(partials, segmentStride, Int32(segments), Int32(tokens), Int32(group), Int32(d), out, outputStride)
    }

    /// Floats of scratch space `attend` needs for head dimension `d`.
    public static func scratchCount(dimension d: Int) -> Int { Int(sq_attention_scratch_floats(Int32(d))) }
}
