import Testing
import SpotterNumerics

/// The SpotterNumerics kernels the encoder adds and relies on (GELU, LayerNorm, strided GEMM),
/// checked against values computed by hand / with Python's math.erf.
@Suite struct EncoderKernelTests {
    @Test func gelu_isTheExactErfForm_notTheTanhApproximation() {
        // 0.5·x·(1 + erf(x/√2)) from math.erf; the tanh form gives 0.841192 at x = 1 and 1.954597 at 2.
        var x: [Float] = [-3, -1, 0, 0.5, 1, 2]
        let expected: [Float] = [-0.0040496, -0.15865525, 0, 0.34573123, 0.84134475, 1.95449974]
        x.withUnsafeMutableBufferPointer { GELU.applyExact($0.baseAddress!, count: $0.count) }
        for (value, reference) in zip(x, expected) {
            #expect(abs(value - reference) < 2e-7, "\(value) vs \(reference)")
        }
    }

    @Test func layerNorm_usesBiasedVarianceAndTinyEpsilon() {
        let x: [Float] = [1, 2, 3, 4, 10, 10, 10, 10]
        let weight: [Float] = [1, 1, 2, 2]
        let bias: [Float] = [0, 0, 0, 1]
        var y = [Float](repeating: .nan, count: 8)
        y.withUnsafeMutableBufferPointer { out in
            LayerNorm.normalize(x, into: out.baseAddress!, rows: 2, width: 4, weight: weight, bias: bias, epsilon: 1e-12)
        }
        // Row 1: mean 2.5, biased variance 1.25 → (x − 2.5)/√1.25 · w + b.
        let s = Float(1.25).squareRoot()
        let expected: [Float] = [-1.5 / s, -0.5 / s, 2 * 0.5 / s, 2 * 1.5 / s + 1]
        for i in 0..<4 { #expect(abs(y[i] - expected[i]) < 1e-6) }
        // Row 2 is constant: variance 0, so only the bias remains (eps keeps it finite).
        #expect(Array(y[4...]) == [0, 0, 0, 1])
    }

    @Test func multiplyStrided_addressesOneHeadInsideAFusedBuffer() {
        // A (2×4) row-major; take columns 2..3 of each row as a (2×2) sub-matrix, rows 4 apart.
        let a: [Float] = [9, 9, 1, 2,
                          9, 9, 3, 4]
        var c = [Float](repeating: 0, count: 4)
        a.withUnsafeBufferPointer { pa in
            c.withUnsafeMutableBufferPointer { pc in
                let head = pa.baseAddress! + 2
                // c = 0.5 · head · headᵀ
                BLAS.multiplyStrided(head, rowStride: 4, head, rowStride: 4, transposingB: true,
                                     into: pc.baseAddress!, rowStride: 2, rows: 2, inner: 2, columns: 2, scale: 0.5)
            }
        }
        #expect(c == [2.5, 5.5, 5.5, 12.5])
    }
}
