import CBLAS

/// Single-precision matrix products on OpenBLAS. All matrices are row-major and contiguous.
///
/// Weights are stored as `[out, in]` (one row per output feature, as in GGUF and safetensors),
/// so a layer computes `Y = X · Wᵀ`:
/// ```swift
/// // x: (tokens, 384), w: (1536, 384) → y: (tokens, 1536)
/// BLAS.multiplyTransposed(x, w, into: &y, rows: tokens, inner: 384, columns: 1536)
/// ```
public enum BLAS {
    /// `c (m×n) = a (m×k) · bᵀ`, with `b` given as (n×k); adds into `c` when `accumulate`.
    public static func multiplyTransposed(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        rows m: Int, inner k: Int, columns n: Int, accumulate: Bool = false
    ) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(k), b, Int32(k), accumulate ? 1 : 0, c, Int32(n))
    }

    /// `c (m×n, row stride outputStride) = a (m×k) · bᵀ`, with `b` given as (n×k): writes an
    /// n-column slice of a wider output matrix (used to fill a matrix in column chunks).
    public static func multiplyTransposed(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        rows m: Int, inner k: Int, columns n: Int, outputStride: Int
    ) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(k), b, Int32(k), 0, c, Int32(outputStride))
    }

    /// `c (m×n) = a (m×k) · b (k×n)`; adds into `c` when `accumulate`.
    public static func multiply(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        rows m: Int, inner k: Int, columns n: Int, accumulate: Bool = false
    ) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(k), b, Int32(n), accumulate ? 1 : 0, c, Int32(n))
    }

    /// Array convenience for `multiplyTransposed` (tests, cold paths).
    public static func multiplyTransposed(_ a: [Float], _ b: [Float], rows m: Int, inner k: Int, columns n: Int) -> [Float] {
        precondition(a.count == m * k && b.count == n * k, "shape mismatch")
        var c = [Float](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    multiplyTransposed(pa.baseAddress!, pb.baseAddress!, into: pc.baseAddress!, rows: m, inner: k, columns: n)
                }
            }
        }
        return c
    }

    /// OpenBLAS keeps its own thread pool. On 2 cores it competes with Swift's pool: callers
    /// that parallelise themselves should set 1.
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(count))
    }
}
