import Testing
@testable import SpotterNumerics

@Suite struct QuantizedMatrixTests {
    /// Random blocks in every format; the fused one-vector kernels and the batched (decode rows
    /// + sgemm) path must both equal a plain double-precision product of the decoded rows.
    @Test(arguments: [BlockFormat.q4_1, .q4_0, .q8_0, .f16, .f32])
    func multiply_oneAndManyVectors_matchDecodedProduct(format: BlockFormat) {
        var rng = SystemRandomNumberGenerator()
        let rows = 70, columns = 96, batch = 3
        var bytes = [UInt8](repeating: 0, count: format.byteCount(weights: rows * columns))
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        // Sane scales: overwrite every half-float scale with a small value.
        if format.blockSize == 32 {
            for b in 0..<(rows * columns / 32) {
                let scale = Float16(Float.random(in: -0.05...0.05)).bitPattern
                let o = b * format.blockBytes
                bytes[o] = UInt8(scale & 0xFF); bytes[o + 1] = UInt8(scale >> 8)
                if format == .q4_1 { bytes[o + 2] = UInt8(scale & 0xFF); bytes[o + 3] = UInt8(scale >> 8) }
            }
        } else if format == .f16 {
            for i in 0..<(rows * columns) {
                let v = Float16(Float.random(in: -1...1)).bitPattern
                bytes[2 * i] = UInt8(v & 0xFF); bytes[2 * i + 1] = UInt8(v >> 8)
            }
        } else {
            bytes.withUnsafeMutableBytes { raw in
                let f = raw.bindMemory(to: Float.self)
                for i in f.indices { f[i] = Float.random(in: -1...1) }
            }
        }
        let x = (0..<(batch * columns)).map { _ in Float.random(in: -2...2) }
        bytes.withUnsafeBytes { raw in
            let m = QuantizedMatrix(format: format, rows: rows, columns: columns, base: raw.baseAddress!)
            let decoded = (0..<rows).map { m.dequantizedRow($0) }
            var scratch = [Float](repeating: 0, count: QuantizedMatrix.batchChunkRows * columns)
            var yBatch = [Float](repeating: 0, count: batch * rows)
            var ySingle = [Float](repeating: 0, count: rows)
            x.withUnsafeBufferPointer { xp in
                m.multiply(xp.baseAddress!, batch: batch, into: &yBatch, outputStride: rows, rows: 0..<rows, scratch: &scratch)
                // One vector, rows in two parts (as two threads would).
                m.multiply(xp.baseAddress!, batch: 1, into: &ySingle, outputStride: rows, rows: 0..<33, scratch: &scratch)
                m.multiply(xp.baseAddress!, batch: 1, into: &ySingle, outputStride: rows, rows: 33..<rows, scratch: &scratch)
            }
            for r in 0..<rows {
                for t in 0..<batch {
                    let exact = (0..<columns).reduce(0.0) { $0 + Double(decoded[r][$1]) * Double(x[t * columns + $1]) }
                    #expect(abs(Double(yBatch[t * rows + r]) - exact) < 1e-4 * max(1, abs(exact)), "\(format) batch row \(r)")
                    if t == 0 {
                        #expect(abs(Double(ySingle[r]) - exact) < 1e-4 * max(1, abs(exact)), "\(format) row \(r)")
                    }
                }
            }
        }
    }

    @Test func dequantize_q4_1_lowNibblesAreFirstHalf() {
        // d = 1.0 (0x3C00), m = -8.0 (0xC800); qs[j] = (15 − j) << 4 | j.
        var block: [UInt8] = [0x00, 0x3C, 0x00, 0xC8]
        block += (0..<16).map { UInt8((15 - $0) << 4 | $0) }
        block.withUnsafeBytes { raw in
            let row = QuantizedMatrix(format: .q4_1, rows: 1, columns: 32, base: raw.baseAddress!).dequantizedRow(0)
            #expect(Array(row[0..<16]) == (0..<16).map { Float($0) - 8 })
            #expect(Array(row[16..<32]) == (0..<16).map { Float(15 - $0) - 8 })
        }
    }
}

@Suite struct WorkerPoolTests {
    @Test func parallelFor_coversEveryIndexExactlyOnce() {
        let pool = WorkerPool(threads: 2)
        for count in [1, 7, 64, 1000] {
            var hits = [Int](repeating: 0, count: count)
            hits.withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress!
                for _ in 0..<50 {
                    pool.parallelFor(count, granularity: 4) { range, _ in
                        for i in range { base[i] += 1 }
                    }
                }
            }
            #expect(hits.allSatisfy { $0 == 50 }, "count \(count)")
        }
    }

    @Test func split_partsAreContiguousAndAligned() {
        let parts = (0..<3).map { WorkerPool.split(100, part: $0, of: 3, granularity: 16) }
        #expect(parts.first!.lowerBound == 0 && parts.last!.upperBound == 100)
        #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(parts.dropLast().allSatisfy { $0.upperBound % 16 == 0 })
    }
}
