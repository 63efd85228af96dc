import CQuantKernels

/// Attention over an 8-bit KV cache (C kernels, AVX2 or portable by `KernelLevel`).
///
/// Format of one layer and one KV head (`d` values per head, `d` a multiple of 32; capacity a
/// multiple of 64): blocks of 64 positions, each `64 · int8BytesPerPosition(dimension: d)` bytes:
/// ```
/// keys   int8 [4][d/4][16][4]   chunks of 16 keys, 4 consecutive values per 32-bit lane
///        float32 [d/32][64]     one scale per 32 values of a key (amax / 127)
/// values int8 [d/16][64][16]    16 values of a position together
///        float32 [d/32][64]     one scale per 32 values
/// ```
/// Q8_0-style blocks (as llama.cpp's `-ctk q8_0 -ctv q8_0`, with float32 scales): 72 bytes per
/// position for `d = 64` against 128 in float16. Queries are quantized the same way and q·k is
/// an integer dot per block of 32; values are mixed with weights `p · scale`. The segments and
/// their merge (`mergeSegments`) are those of the float16 cache.
extension Attention {
    /// Bytes of one position's key (or value) of one head: `d + 4·d/32`.
    public static func int8BytesPerPosition(dimension d: Int) -> Int { Int(sq_kv_q8_bytes_per_position(Int32(d))) }

    /// Whether the 8-bit cache can hold heads of `d` values (a multiple of 32).
    public static func int8Supports(dimension d: Int) -> Bool { d > 0 && d % 32 == 0 }

    /// Quantizes `tokens` key and value rows (row `t` at `+ t·stride` floats, `d` values) and
    /// stores them at positions `firstPosition …` of one head's 8-bit cache.
    @inlinable
    public static func storeInt8(keys k: UnsafePointer<Float>, values v: UnsafePointer<Float>, stride: Int, tokens: Int,
                                 firstPosition: Int, dimension d: Int,
                                 intoKeys keys: UnsafeMutablePointer<UInt8>, values: UnsafeMutablePointer<UInt8>) {
        sq_store_kv_q8(k, v, stride, Int32(tokens), Int32(firstPosition), Int32(d), keys, values)
    }

    /// `attend` over the 8-bit cache (same arguments and scratch): one token gives the same
    /// bits as the same token inside a batch.
    @inlinable
    public static func attendInt8(queries q: UnsafePointer<Float>, queryStride: Int, tokens: Int, firstPosition: Int,
                                  group: Int, dimension d: Int, keys: UnsafePointer<UInt8>, values: UnsafePointer<UInt8>,
                                  scale: Float, into out: UnsafeMutablePointer<Float>, outputStride: Int,
                                  scratch: UnsafeMutablePointer<Float>) {
        sq_attention_q8(q, queryStride, Int32(tokens), Int32(firstPosition), Int32(group), Int32(d),
                        keys, values, scale, out, outputStride, scratch)
    }

    /// `attendSegment` over the 8-bit cache; merge with `mergeSegments`.
    @inlinable
    public static func attendSegmentInt8(queries q: UnsafePointer<Float>, queryStride: Int, tokens: Int, firstPosition: Int,
                                         group: Int, dimension d: Int, keys: UnsafePointer<UInt8>, values: UnsafePointer<UInt8>,
                                         scale: Float, segment: Int, into partial: UnsafeMutablePointer<Float>,
                                         scratch: UnsafeMutablePointer<Float>) {
        sq_attention_q8_segment(q, queryStride, Int32(tokens), Int32(firstPosition), Int32(group), Int32(d),
                                keys, values, scale, Int32(segment), partial, scratch)
    }
}
