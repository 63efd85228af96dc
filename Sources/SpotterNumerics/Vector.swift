import Foundation

/// Small float kernels on contiguous vectors: dot products, RMS normalisation, softmax, SiLU.
public enum Vector {
    /// `Σ a[i]·b[i]`.
    @inlinable
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while i + 8 <= count {
            acc += ra.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
            i += 8
        }
        var s = acc.sum()
        while i < count { s += a[i] * b[i]; i += 1 }
        return s
    }

    /// `y += a · x`.
    @inlinable
    public static func addScaled(_ x: UnsafePointer<Float>, _ a: Float, into y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
        while i + 8 <= count {
            let v = ry.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
                + rx.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self) * a
            ry.storeBytes(of: v, toByteOffset: 4 * i, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count { y[i] += a * x[i]; i += 1 }
    }

    /// `out = x / sqrt(mean(x²) + eps) · weight` (RMSNorm).
    public static func rmsNorm(_ x: UnsafePointer<Float>, weight: UnsafePointer<Float>, epsilon: Float,
                               into out: UnsafeMutablePointer<Float>, count: Int) {
        let meanSquare = dot(x, x, count: count) / Float(count)
        let scale = 1 / (meanSquare + epsilon).squareRoot()
        for i in 0..<count { out[i] = x[i] * scale * weight[i] }
    }

    /// In-place softmax over `count` values.
    public static func softmax(_ x: UnsafeMutablePointer<Float>, count: Int) {
        var maxValue = -Float.infinity
        for i in 0..<count { maxValue = max(maxValue, x[i]) }
        var sum: Float = 0
        for i in 0..<count {
            let e = expf(x[i] - maxValue)
            x[i] = e
            sum += e
        }
        let inv = 1 / sum
        for i in 0..<count { x[i] *= inv }
    }

    /// `gate[i] = silu(gate[i]) · up[i]` (SwiGLU), with `silu(g) = g / (1 + e^(−g))`.
    public static func swiGLU(_ gate: UnsafeMutablePointer<Float>, _ up: UnsafePointer<Float>, count: Int) {
        for i in 0..<count {
            let g = gate[i]
            gate[i] = g / (1 + expf(-g)) * up[i]
        }
    }
}
