/// Layer normalisation over the last dimension, as in BERT (post-LN) and PyTorch `nn.LayerNorm`:
/// `y = (x − mean) / sqrt(var + eps) · weight + bias`, with the biased variance (divide by width).
///
/// Mean and variance are accumulated in `Double`, so the result is at least as exact as a float32
/// reference. `x` and `y` may be the same buffer.
public enum LayerNorm {
    /// Normalises `rows` contiguous rows of `width` floats from `x` into `y`.
    /// - Parameters:
    ///   - weight: `(width)` scale (gamma).
    ///   - bias: `(width)` shift (beta).
    ///   - epsilon: added to the variance; BERT uses 1e-12.
    public static func normalize(
        _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, rows: Int, width: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, epsilon: Float
    ) {
        for r in 0..<rows {
            let row = x + r * width
            var sum = 0.0
            for i in 0..<width { sum += Double(row[i]) }
            let mean = sum / Double(width)
            var squares = 0.0
            for i in 0..<width {
                let d = Double(row[i]) - mean
                squares += d * d
            }
            let variance = squares / Double(width)
            let inverse = Float(1 / (variance + Double(epsilon)).squareRoot())
            let m = Float(mean)
            let out = y + r * width
            for i in 0..<width {
                out[i] = (row[i] - m) * inverse * weight[i] + bias[i]
            }
        }
    }
}
