import Foundation
import Testing
@testable import SpotterNumerics

/// The batched integer products (`QuantizedBatch`) on every kernel level this machine runs:
/// against the exact product of the decoded weights, one token against the same token in a
/// batch (bit-identical), SIMD levels against the portable one.
/// Serialized: the cases switch the process-wide kernel level.
@Suite(.serialized) struct IntegerGemmTests {
    static func randomMatrix(_ format: BlockFormat, rows: Int, columns: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        var bytes = (0..<format.byteCount(weights: rows * columns)).map { _ in UInt8(truncatingIfNeeded: next()) }
        for b in 0..<(rows * columns / 32) {
            let o = b * format.blockBytes
            let d = Float16(Float(next() % 1000) / 20_000 + 0.001).bitPattern
            bytes[o] = UInt8(d & 0xFF); bytes[o + 1] = UInt8(d >> 8)
            if format == .q4_1 {
                let m = Float16(-Float(next() % 1000) / 10_000).bitPattern
                bytes[o + 2] = UInt8(m & 0xFF); bytes[o + 3] = UInt8(m >> 8)
            }
        }
        return bytes
    }

    /// y (tokens × rows) on the active level, as a batch and token by token.
    static func products(_ m: QuantizedMatrix, _ x: [Float], tokens: Int) -> (batch: [Float], single: [Float]) {
        let batch = QuantizedBatch(capacity: tokens * m.columns)
        x.withUnsafeBufferPointer { batch.quantize($0.baseAddress!, rows: tokens, columns: m.columns) }
        var y = [Float](repeating: .nan, count: tokens * m.rows)
        m.multiply(quantized: batch, into: &y, outputStride: m.rows, rows: 0..<7)
        m.multiply(quantized: batch, into: &y, outputStride: m.rows, rows: 7..<m.rows)
        var single = [Float](repeating: .nan, count: tokens * m.rows)
        let one = QuantizedBatch(capacity: m.columns)
        for t in 0..<tokens {
            x.withUnsafeBufferPointer { one.quantize($0.baseAddress! + t * m.columns, rows: 1, columns: m.columns) }
            single.withUnsafeMutableBufferPointer { m.multiply(quantized: one, into: $0.baseAddress! + t * m.rows, outputStride: m.rows, rows: 0..<m.rows) }
        }
        return (y, single)
    }

    @Test(arguments: [BlockFormat.q4_1, .q4_0, .q8_0])
    func multiplyBatch_everyLevel_matchesExactProduct_andSingleTokenBitForBit(format: BlockFormat) {
        let rows = 37, columns = 256, tokens = 11
        let bytes = Self.randomMatrix(format, rows: rows, columns: columns, seed: 0xBEEF)
        var state: UInt64 = 99
        let x = (0..<tokens * columns).map { _ -> Float in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int(state >> 33) % 2001 - 1000) / 500
        }
        defer { KernelLevel.limit(to: nil) }
        bytes.withUnsafeBytes { raw in
            let m = QuantizedMatrix(format: format, rows: rows, columns: columns, base: raw.baseAddress!)
            var exact = [Double](repeating: 0, count: tokens * rows)
            for t in 0..<tokens {
                for r in 0..<rows {
                    exact[t * rows + r] = zip(m.dequantizedRow(r), x[t * columns..<(t + 1) * columns]).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
                }
            }
            let scale = exact.map(abs).max()!
            var byLevel: [KernelLevel: [Float]] = [:]
            for level in KernelLevel.runnable {
                KernelLevel.limit(to: level)
                #expect(KernelLevel.active == level)
                let (batch, single) = Self.products(m, x, tokens: tokens)
                #expect(batch == single, "\(format) \(level): a batch differs from single tokens")
                for i in batch.indices {
                    // 8-bit activations: error well under 1% of the largest output.
                    #expect(abs(Double(batch[i]) - exact[i]) < 0.01 * scale, "\(format) \(level) output \(i)")
                }
                byLevel[level] = batch
            }
            let portable = byLevel[.portable]!
            for (level, y) in byLevel where level != .portable {
                // Same integer sums; only the float summation order differs from portable…
                #expect(zip(y, portable).allSatisfy { abs($0 - $1) <= 1e-5 * Float(scale) }, "\(level) vs portable")
                // …and the SIMD levels agree bit for bit.
                #expect(y == byLevel[.avx2], "\(level) vs AVX2")
            }
        }
    }

    /// The VNNI levels compute the AVX2 level's integer sums with `vpdpbusd`: bit-identical
    /// outputs. Each runs only where CPUID and XGETBV report it, and is skipped with the reason
    /// elsewhere (the CI machine has AVX2 only).
    static func vnniEqualsAVX2(_ level: KernelLevel) {
        defer { KernelLevel.limit(to: nil) }
        for format in [BlockFormat.q4_1, .q4_0, .q8_0] {
            let rows = 29, columns = 576, tokens = 9
            let bytes = randomMatrix(format, rows: rows, columns: columns, seed: 0xF00D)
            let x = (0..<tokens * columns).map { Float(sin(Double($0) * 0.61)) * 3 }
            bytes.withUnsafeBytes { raw in
                let m = QuantizedMatrix(format: format, rows: rows, columns: columns, base: raw.baseAddress!)
                KernelLevel.limit(to: .avx2)
                let reference = products(m, x, tokens: tokens)
                KernelLevel.limit(to: level)
                #expect(KernelLevel.active == level)
                let y = products(m, x, tokens: tokens)
                #expect(y.batch == reference.batch && y.single == reference.single, "\(format) \(level) vs AVX2")
            }
        }
    }

    @Test(.enabled(if: KernelLevel.runnable.contains(.avxVNNI), "CPUID/XGETBV: this CPU or OS has no AVX-VNNI, the level cannot run here"))
    func multiplyBatch_avxVNNI_equalsAVX2BitForBit() { Self.vnniEqualsAVX2(.avxVNNI) }

    @Test(.enabled(if: KernelLevel.runnable.contains(.avx512VNNI), "CPUID/XGETBV: this CPU or OS has no AVX-512 VNNI, the level cannot run here"))
    func multiplyBatch_avx512VNNI_equalsAVX2BitForBit() { Self.vnniEqualsAVX2(.avx512VNNI) }
}
