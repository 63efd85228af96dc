import CQuantKernels

/// One-vector products with integer arithmetic: the activation is quantized to 8-bit blocks
/// (`QuantizedActivation`) and each weight block contributes `d_w · d_x · Σ q_w q_x` (+ `m_w ·
/// sum_x` for Q4_1), as in llama.cpp. The kernels are C (`CQuantKernels`): Swift cannot compile
/// one function for AVX2 and keep the rest baseline, and baseline SSE2 SIMD types were measured
/// at ~2.5 GMAC/s against ~10 for AVX2 `vpmaddubsw`, which the C kernel selects at run time.
extension QuantizedMatrix {
    /// Whether `multiply(quantized:into:rows:)` supports this format.
    public var supportsIntegerDot: Bool { format == .q4_1 || format == .q4_0 || format == .q8_0 }

    /// Whether the integer kernels use AVX2 on this CPU.
    public static var usesAVX2: Bool { sq_uses_avx2() != 0 }

    /// Switches the AVX2 kernels off or back on (tests of the portable kernels).
    static func setAVX2Enabled(_ enabled: Bool) { sq_set_avx2_enabled(enabled ? 1 : 0) }

    /// `y[r] = Σ_c W[r][c] · x[c]` for `r ∈ rows`, with `x` quantized (`columns` values).
    public func multiply(quantized x: QuantizedActivation, into y: UnsafeMutablePointer<Float>, rows: Range<Int>) {
        precondition(supportsIntegerDot, "integer dot products need Q4_0, Q4_1 or Q8_0 weights, not \(format)")
        guard !rows.isEmpty else { return }
        let w = base.assumingMemoryBound(to: UInt8.self)
        let blocks = Int32(columns / 32), r0 = Int32(rows.lowerBound), r1 = Int32(rows.upperBound)
        HalfFloat.table.withUnsafeBufferPointer { table in
            let half = table.baseAddress!
            switch format {
            case .q4_1: sq_gemv_q4_1(w, rowBytes, blocks, r0, r1, x.quants, x.scales, x.sums, half, y)
            case .q4_0: sq_gemv_q4_0(w, rowBytes, blocks, r0, r1, x.quants, x.scales, half, y)
            case .q8_0: sq_gemv_q8_0(w, rowBytes, blocks, r0, r1, x.quants, x.scales, half, y)
            case .f32, .f16: break
            }
        }
    }
}
