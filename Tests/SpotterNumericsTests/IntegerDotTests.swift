import Testing
@testable import SpotterNumerics

/// The integer kernels (8-bit activations) against the exact product of the decoded weights,
/// on the AVX2 path where the CPU has it and on the portable path. Serialized: the second
/// case switches the process-wide kernel choice.
@Suite(.serialized) struct IntegerDotTests {
    @Test(arguments: [BlockFormat.q4_1, .q4_0, .q8_0])
    func multiplyQuantized_bothKernelPaths_matchDecodedProductWithinQuantizationError(format: BlockFormat) {
        let rows = 40, columns = 256
        var bytes = [UInt8](repeating: 0, count: format.byteCount(weights: rows * columns))
        var seed: UInt64 = 0x1234_5678
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: next()) }
        for b in 0..<(rows * columns / 32) {
            let o = b * format.blockBytes
            let d = Float16(Float(next() % 1000) / 20_000 + 0.001).bitPattern
            bytes[o] = UInt8(d & 0xFF); bytes[o + 1] = UInt8(d >> 8)
            if format == .q4_1 {
                let m = Float16(-Float(next() % 1000) / 10_000).bitPattern
                bytes[o + 2] = UInt8(m & 0xFF); bytes[o + 3] = UInt8(m >> 8)
            }
        }
        let x = (0..<columns).map { _ in Float(Int(next() % 2001) - 1000) / 500 }
        let activation = QuantizedActivation(capacity: columns)
        bytes.withUnsafeBytes { raw in
            let m = QuantizedMatrix(format: format, rows: rows, columns: columns, base: raw.baseAddress!)
            let exact = (0..<rows).map { r in zip(m.dequantizedRow(r), x).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } }
            let scale = exact.map(abs).max()!
            x.withUnsafeBufferPointer { activation.quantize($0.baseAddress!, count: columns) }
            var results: [[Float]] = []
            for avx2 in [true, false] {
                QuantizedMatrix.setAVX2Enabled(avx2)
                var y = [Float](repeating: .nan, count: rows)
                m.multiply(quantized: activation, into: &y, rows: 0..<17)
                m.multiply(quantized: activation, into: &y, rows: 17..<rows)
                results.append(y)
            }
            QuantizedMatrix.setAVX2Enabled(true)
            for r in 0..<rows {
                // 8-bit activations: error well under 1% of the largest output.
                #expect(abs(Double(results[1][r]) - exact[r]) < 0.01 * scale, "\(format) portable row \(r)")
                // Both paths compute the same integer sums; only float summation order differs.
                #expect(abs(results[0][r] - results[1][r]) <= 1e-4 * Float(scale), "\(format) avx2 vs portable row \(r)")
            }
        }
    }
}
