import CQuantKernels

/// Attention over a key/value cache for one head (C, AVX2 where the CPU has it): the arithmetic
/// of `Vector.dot` / `Vector.addScaled` (8 lanes, multiply then add, no fused multiply-add),
/// equal to float rounding (the final lane sum may be ordered differently).
public enum Attention {
    /// `scores[p] = scale · dot(query, keys + p·stride)` for `p < count`, over `dimension` values.
    @inlinable
    public static func scores(_ query: UnsafePointer<Float>, keys: UnsafePointer<Float>, stride: Int, count: Int,
                              dimension: Int, scale: Float, into scores: UnsafeMutablePointer<Float>) {
        sq_attention_scores(query, keys, stride, Int32(count), Int32(dimension), scale, scores)
    }

    /// `out = Σ_p weights[p] · (values + p·stride)` for `p < count`, over `dimension` values.
    @inlinable
    public static func mix(_ values: UnsafePointer<Float>, stride: Int, count: Int, dimension: Int,
                           weights: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        sq_attention_mix(values, stride, Int32(count), Int32(dimension), weights, out)
    }
}
