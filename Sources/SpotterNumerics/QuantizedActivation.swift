/// An activation vector quantized to signed 8-bit blocks of 32 (ggml's Q8_1), so that products
/// with 4- and 8-bit weights become integer dot products, as llama.cpp's CPU kernels do.
///
/// Per block `b`: `scale[b] = max|x| / 127`, `q = round(x / scale)` (stored widened to `Int16`
/// for SSE2's 16-bit multiply-add), and `sum[b] = scale[b] · Σ q` (for the `m` term of Q4_1).
/// This loses about 0.4% per value; the logits move by well under llama.cpp's own noise.
public struct QuantizedActivation {
    public let capacity: Int
    public let quants: UnsafeMutablePointer<Int16>   // (capacity)
    public let scales: UnsafeMutablePointer<Float>   // (capacity / 32)
    public let sums: UnsafeMutablePointer<Float>     // (capacity / 32)

    /// Allocates room for `capacity` values (a multiple of 32); release with `deallocate()`.
    public init(capacity: Int) {
        precondition(capacity % 32 == 0)
        self.capacity = capacity
        quants = .allocate(capacity: capacity)
        scales = .allocate(capacity: capacity / 32)
        sums = .allocate(capacity: capacity / 32)
    }

    public func deallocate() {
        quants.deallocate()
        scales.deallocate()
        sums.deallocate()
    }

    /// Quantizes `count` values of `x`.
    public func quantize(_ x: UnsafePointer<Float>, count: Int) {
        precondition(count <= capacity && count % 32 == 0)
        let raw = UnsafeRawPointer(x)
        for b in 0..<count / 32 {
            let x0 = raw.loadUnaligned(fromByteOffset: b * 128, as: SIMD8<Float>.self)
            let x1 = raw.loadUnaligned(fromByteOffset: b * 128 + 32, as: SIMD8<Float>.self)
            let x2 = raw.loadUnaligned(fromByteOffset: b * 128 + 64, as: SIMD8<Float>.self)
            let x3 = raw.loadUnaligned(fromByteOffset: b * 128 + 96, as: SIMD8<Float>.self)
            let amax = pointwiseMax(pointwiseMax(abs(x0), abs(x1)), pointwiseMax(abs(x2), abs(x3)))
            let m = amax.max()
            let d = m / 127
            let inv: Float = d == 0 ? 0 : 1 / d
            let total: Int32
            let out = UnsafeMutableRawPointer(quants + b * 32)
            let q0 = SIMD8<Int32>((x0 * inv).rounded(.toNearestOrAwayFromZero))
            let q1 = SIMD8<Int32>((x1 * inv).rounded(.toNearestOrAwayFromZero))
            let q2 = SIMD8<Int32>((x2 * inv).rounded(.toNearestOrAwayFromZero))
            let q3 = SIMD8<Int32>((x3 * inv).rounded(.toNearestOrAwayFromZero))
            total = (q0 &+ q1 &+ q2 &+ q3).wrappedSum()
            out.storeBytes(of: SIMD8<Int16>(truncatingIfNeeded: q0), toByteOffset: 0, as: SIMD8<Int16>.self)
            out.storeBytes(of: SIMD8<Int16>(truncatingIfNeeded: q1), toByteOffset: 16, as: SIMD8<Int16>.self)
            out.storeBytes(of: SIMD8<Int16>(truncatingIfNeeded: q2), toByteOffset: 32, as: SIMD8<Int16>.self)
            out.storeBytes(of: SIMD8<Int16>(truncatingIfNeeded: q3), toByteOffset: 48, as: SIMD8<Int16>.self)
            scales[b] = d
            sums[b] = d * Float(total)
        }
    }
}

@inline(__always)
private func abs(_ v: SIMD8<Float>) -> SIMD8<Float> {
    v.replacing(with: -v, where: v .< 0)
}
