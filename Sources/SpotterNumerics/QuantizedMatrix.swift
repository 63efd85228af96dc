/// A read-only weight matrix of `rows × columns` in one of the `BlockFormat`s, kept in its
/// stored (usually quantized) form — typically a view into a memory-mapped model file.
///
/// Row `r` holds the weights of output feature `r`; blocks run along the columns (the input
/// dimension). A layer computes `y = W · x`, see `multiply(_:batch:into:outputStride:rows:)`.
///
/// The matrix does not own its bytes: whoever created it keeps them alive (and unchanged).
public struct QuantizedMatrix: @unchecked Sendable {
    public let format: BlockFormat
    public let rows: Int
    public let columns: Int
    /// Start of row 0.
    public let base: UnsafeRawPointer

    /// - Precondition: `columns` is a multiple of the format's block size.
    public init(format: BlockFormat, rows: Int, columns: Int, base: UnsafeRawPointer) {
        precondition(columns % format.blockSize == 0, "\(columns) columns is not a multiple of the \(format) block size")
        self.format = format
        self.rows = rows
        self.columns = columns
        self.base = base
    }

    /// Bytes per row.
    @inlinable public var rowBytes: Int { format.byteCount(weights: columns) }

    /// Total bytes of the matrix.
    @inlinable public var byteCount: Int { rowBytes * rows }

    /// Decodes row `row` into `output` (`columns` floats), bit-exactly as ggml does.
    public func dequantizeRow(_ row: Int, into output: UnsafeMutablePointer<Float>) {
        HalfFloat.table.withUnsafeBufferPointer { half in
            Self.dequantize(format, base + row * rowBytes, count: columns, into: output, half: half.baseAddress!)
        }
    }

    /// Array convenience for `dequantizeRow(_:into:)` (tests, cold paths).
    public func dequantizedRow(_ row: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: columns) { buffer, count in
            dequantizeRow(row, into: buffer.baseAddress!)
            count = columns
        }
    }

    @usableFromInline
    static func dequantize(_ format: BlockFormat, _ src: UnsafeRawPointer, count: Int,
                           into out: UnsafeMutablePointer<Float>, half: UnsafePointer<Float>) {
        switch format {
        case .f32:
            out.update(from: src.assumingMemoryBound(to: Float.self), count: count)
        case .f16:
            for i in 0..<count { out[i] = half[Int(src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))] }
        case .q8_0:
            for b in 0..<count / 32 {
                let block = src + b * 34
                let d = half[Int(block.loadUnaligned(as: UInt16.self))]
                let q = SIMD32<Float>(block.loadUnaligned(fromByteOffset: 2, as: SIMD32<Int8>.self))
                UnsafeMutableRawPointer(out + b * 32).storeBytes(of: q * d, as: SIMD32<Float>.self)
            }
        case .q4_0:
            for b in 0..<count / 32 {
                let block = src + b * 18
                let d = half[Int(block.loadUnaligned(as: UInt16.self))]
                let qs = block.loadUnaligned(fromByteOffset: 2, as: SIMD16<UInt8>.self)
                let lo = SIMD16<Float>(SIMD16<Int16>(truncatingIfNeeded: qs & 0x0F) &- 8)
                let hi = SIMD16<Float>(SIMD16<Int16>(truncatingIfNeeded: qs &>> 4) &- 8)
                UnsafeMutableRawPointer(out + b * 32).storeBytes(of: lo * d, as: SIMD16<Float>.self)
                UnsafeMutableRawPointer(out + b * 32 + 16).storeBytes(of: hi * d, as: SIMD16<Float>.self)
            }
        case .q4_1:
            for b in 0..<count / 32 {
                let block = src + b * 20
                let d = half[Int(block.loadUnaligned(as: UInt16.self))]
                let m = half[Int(block.loadUnaligned(fromByteOffset: 2, as: UInt16.self))]
                let qs = block.loadUnaligned(fromByteOffset: 4, as: SIMD16<UInt8>.self)
                let lo = SIMD16<Float>(qs & 0x0F)
                let hi = SIMD16<Float>(qs &>> 4)
                // d·q + m, rounded as ggml does (a multiply, then an add: no fused multiply-add).
                UnsafeMutableRawPointer(out + b * 32).storeBytes(of: lo * d + m, as: SIMD16<Float>.self)
                UnsafeMutableRawPointer(out + b * 32 + 16).storeBytes(of: hi * d + m, as: SIMD16<Float>.self)
            }
        }
    }
}
