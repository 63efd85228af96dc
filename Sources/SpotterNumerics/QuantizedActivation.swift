import CQuantKernels

/// An activation vector quantized to signed 8-bit blocks of 32 (ggml's Q8_1), so that products
/// with 4- and 8-bit weights become integer dot products, as llama.cpp's CPU kernels do.
///
/// Per block `b`: `scales[b] = max|x| / 127`, `q = round(x / scale)`, and
/// `sums[b] = scales[b] · Σ q` (for the `m` term of Q4_1). The rounding moves each value by at
/// most half a step (≤ 0.4% of the block maximum); the logits move by well under llama.cpp's
/// own noise (see the tests).
public final class QuantizedActivation {
    public let capacity: Int
    public let quants: UnsafeMutablePointer<Int8>    // (capacity)
    public let scales: UnsafeMutablePointer<Float>   // (capacity / 32)
    public let sums: UnsafeMutablePointer<Float>     // (capacity / 32)

    /// Allocates room for `capacity` values (a multiple of 32).
    public init(capacity: Int) {
        precondition(capacity % 32 == 0, "capacity must be a multiple of 32")
        self.capacity = capacity
        quants = .allocate(capacity: capacity)
        scales = .allocate(capacity: capacity / 32)
        sums = .allocate(capacity: capacity / 32)
    }

    deinit {
        quants.deallocate()
        scales.deallocate()
        sums.deallocate()
    }

    /// Quantizes `count` values of `x` (a multiple of 32, at most `capacity`).
    public func quantize(_ x: UnsafePointer<Float>, count: Int) {
        precondition(count <= capacity && count % 32 == 0)
        sq_quantize_q8_1(x, Int32(count), quants, scales, sums)
    }
}
