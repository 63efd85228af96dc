/// Matrix products with a quantized matrix: `y = W · x` for one or more input vectors.
///
/// One vector (decode): each row is decoded block by block in registers and multiplied with
/// `x` in 16-wide float SIMD, so the weights stay quantized in memory and are read once.
/// Several vectors (prefill): rows are decoded in chunks into a scratch buffer and multiplied
/// with OpenBLAS `sgemm`, which is compute-bound there. Callers split `rows` over threads.
extension QuantizedMatrix {
    /// Rows decoded per `sgemm` call in the batched path; `scratch` must hold
    /// `batchChunkRows × columns` floats.
    public static let batchChunkRows = 64

    /// Computes `y[t][r] = Σ_c W[r][c] · x[t][c]` for `t < batch` and `r ∈ rows`.
    ///
    /// - Parameters:
    ///   - x: `(batch, columns)` row-major input.
    ///   - y: `(batch, outputStride)` row-major output; only the columns in `rows` are written.
    ///   - scratch: `batchChunkRows × columns` floats, used only when `batch > 1`.
    public func multiply(
        _ x: UnsafePointer<Float>, batch: Int, into y: UnsafeMutablePointer<Float>,
        outputStride: Int, rows: Range<Int>, scratch: UnsafeMutablePointer<Float>
    ) {
        if rows.isEmpty { return }
        if batch == 1 {
            HalfFloat.table.withUnsafeBufferPointer { half in
                vectorProduct(x, into: y, rows: rows, half: half.baseAddress!)
            }
            return
        }
        var start = rows.lowerBound
        while start < rows.upperBound {
            let count = min(Self.batchChunkRows, rows.upperBound - start)
            for r in 0..<count { dequantizeRow(start + r, into: scratch + r * columns) }
            BLAS.multiplyTransposed(x, scratch, into: y + start, rows: batch, inner: columns,
                                    columns: count, outputStride: outputStride)
            start += count
        }
    }

    @inline(__always)
    private func vectorProduct(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
                               rows: Range<Int>, half: UnsafePointer<Float>) {
        let blocks = columns / 32
        let xv = UnsafeRawPointer(x)
        switch format {
        case .q4_1:
            // dot(row, x) = Σ_b d_b · Σ_j q_j x_j + m_b · Σ_j x_j; the block sums of x are shared by all rows.
            withUnsafeTemporaryAllocation(of: Float.self, capacity: blocks) { sums in
                for b in 0..<blocks {
                    let x0 = xv.loadUnaligned(fromByteOffset: b * 128, as: SIMD16<Float>.self)
                    let x1 = xv.loadUnaligned(fromByteOffset: b * 128 + 64, as: SIMD16<Float>.self)
                    sums[b] = (x0 + x1).sum()
                }
                for r in rows {
                    let row = base + r * rowBytes
                    var acc = SIMD16<Float>()
                    var accM: Float = 0
                    for b in 0..<blocks {
                        let block = row + b * 20
                        let d = half[Int(block.loadUnaligned(as: UInt16.self))]
                        let m = half[Int(block.loadUnaligned(fromByteOffset: 2, as: UInt16.self))]
                        let qs = block.loadUnaligned(fromByteOffset: 4, as: SIMD16<UInt8>.self)
                        let x0 = xv.loadUnaligned(fromByteOffset: b * 128, as: SIMD16<Float>.self)
                        let x1 = xv.loadUnaligned(fromByteOffset: b * 128 + 64, as: SIMD16<Float>.self)
                        let p = SIMD16<Float>(qs & 0x0F) * x0 + SIMD16<Float>(qs &>> 4) * x1
                        acc += p * d
                        accM += m * sums[b]
                    }
                    y[r] = acc.sum() + accM
                }
            }
        case .q4_0:
            for r in rows {
                let row = base + r * rowBytes
                var acc = SIMD16<Float>()
                for b in 0..<blocks {
                    let block = row + b * 18
                    let d = half[Int(block.loadUnaligned(as: UInt16.self))]
                    let qs = block.loadUnaligned(fromByteOffset: 2, as: SIMD16<UInt8>.self)
                    let x0 = xv.loadUnaligned(fromByteOffset: b * 128, as: SIMD16<Float>.self)
                    let x1 = xv.loadUnaligned(fromByteOffset: b * 128 + 64, as: SIMD16<Float>.self)
                    let lo = SIMD16<Float>(SIMD16<Int16>(truncatingIfNeeded: qs & 0x0F) &- 8)
                    let hi = SIMD16<Float>(SIMD16<Int16>(truncatingIfNeeded: qs &>> 4) &- 8)
                    acc += (lo * x0 + hi * x1) * d
                }
                y[r] = acc.sum()
            }
        case .q8_0:
            for r in rows {
                let row = base + r * rowBytes
                var acc = SIMD16<Float>()
                for b in 0..<blocks {
                    let block = row + b * 34
                    let d = half[Int(block.loadUnaligned(as: UInt16.self))]
                    let q0 = block.loadUnaligned(fromByteOffset: 2, as: SIMD16<Int8>.self)
                    let q1 = block.loadUnaligned(fromByteOffset: 18, as: SIMD16<Int8>.self)
                    let x0 = xv.loadUnaligned(fromByteOffset: b * 128, as: SIMD16<Float>.self)
                    let x1 = xv.loadUnaligned(fromByteOffset: b * 128 + 64, as: SIMD16<Float>.self)
                    acc += (SIMD16<Float>(q0) * x0 + SIMD16<Float>(q1) * x1) * d
                }
                y[r] = acc.sum()
            }
        case .f32, .f16:
            withUnsafeTemporaryAllocation(of: Float.self, capacity: columns) { rowBuffer in
                for r in rows {
                    Self.dequantize(format, base + r * rowBytes, count: columns, into: rowBuffer.baseAddress!, half: half)
                    y[r] = Vector.dot(rowBuffer.baseAddress!, x, count: columns)
                }
            }
        }
    }
}
