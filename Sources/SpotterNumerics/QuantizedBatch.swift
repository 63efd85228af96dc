import CQuantKernels

/// Several activation rows quantized to signed 8-bit blocks of 32 (ggml's Q8_1), once per
/// matrix input, so that every weight row × token product is an integer dot product.
///
/// Row `t` (of `columns` values) has quants at `quants + t·columns`, and per block `b` a scale
/// `scales[t·columns/32 + b] = max|x|/127` and a scaled sum `sums[…] = scale · Σ q` (for the
/// offset term of Q4_0/Q4_1). A row is quantized the same way alone or in a batch.
public final class QuantizedBatch {
    /// Rows × columns this batch can hold.
    public let capacity: Int
    public let quants: UnsafeMutablePointer<Int8>    // (capacity)
    public let scales: UnsafeMutablePointer<Float>   // (capacity / 32)
    public let sums: UnsafeMutablePointer<Float>     // (capacity / 32)
    /// The shape of the last `quantize` call.
    public private(set) var rows = 0
    public private(set) var columns = 0

    /// Allocates room for `capacity` values (rows × columns, a multiple of 32).
    public init(capacity: Int) {
        precondition(capacity % 32 == 0, "capacity must be a multiple of 32")
        self.capacity = capacity
        quants = .allocate(capacity: capacity)
        scales = .allocate(capacity: capacity / 32)
        sums = .allocate(capacity: capacity / 32)
    }

    deinit {
        quants.deallocate()
        scales.deallocate()
        sums.deallocate()
    }

    /// Quantizes `rows` rows of `columns` values (a multiple of 32), `stride` floats apart.
    public func quantize(_ x: UnsafePointer<Float>, rows: Int, columns: Int, stride: Int? = nil) {
        precondition(rows * columns <= capacity && columns % 32 == 0)
        self.rows = rows
        self.columns = columns
        sq_quantize_rows_q8_1(x, stride ?? columns, Int32(rows), Int32(columns), quants, scales, sums)
    }

    /// Quantizes rows `range` of `x` (row-major, `columns` wide) into the same rows of this batch,
    /// after `prepare(rows:columns:)` (lets a pool quantize a batch in parallel).
    public func quantize(_ x: UnsafePointer<Float>, rowRange range: Range<Int>) {
        let blocks = columns / 32
        sq_quantize_rows_q8_1(x + range.lowerBound * columns, columns, Int32(range.count), Int32(columns),
                              quants + range.lowerBound * columns, scales + range.lowerBound * blocks,
                              sums + range.lowerBound * blocks)
    }

    /// Sets the shape for `quantize(_:rowRange:)`.
    public func prepare(rows: Int, columns: Int) {
        precondition(rows * columns <= capacity && columns % 32 == 0)
        self.rows = rows
        self.columns = columns
    }
}

extension QuantizedMatrix {
    /// Whether `multiply(quantized:into:outputStride:rows:)` supports this format.
    public var supportsIntegerDot: Bool { format == .q4_1 || format == .q4_0 || format == .q8_0 }

    /// `y[t·outputStride + r] = Σ_c W[r][c] · x[t][c]` for every row `t` of `x` and `r ∈ rows`,
    /// with integer dot products over tiles of weight rows × tokens (no float decoding of the
    /// weights). A token's outputs are bit-identical whether it is alone or in a batch.
    /// - Precondition: Q4_0, Q4_1 or Q8_0 weights (`supportsIntegerDot`); `x.columns == columns`.
    public func multiply(quantized x: QuantizedBatch, into y: UnsafeMutablePointer<Float>, outputStride: Int, rows: Range<Int>) {
        precondition(supportsIntegerDot, "integer products need Q4_0, Q4_1 or Q8_0 weights, not \(format)")
        precondition(x.columns == columns, "input has \(x.columns) columns, the matrix \(columns)")
        guard !rows.isEmpty, x.rows > 0 else { return }
        let kind: Int32 = switch format {
        case .q4_0: Int32(SQ_Q4_0)
        case .q4_1: Int32(SQ_Q4_1)
        default: Int32(SQ_Q8_0)
        }
        sq_gemm_q(kind, base.assumingMemoryBound(to: UInt8.self), rowBytes, Int32(columns / 32),
                  Int32(rows.lowerBound), Int32(rows.upperBound), x.quants, x.scales, x.sums,
                  Int32(x.rows), y, outputStride)
    }
}
