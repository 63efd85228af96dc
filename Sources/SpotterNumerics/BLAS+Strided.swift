import CBLAS

extension BLAS {
    /// General single-precision product on sub-matrices with explicit leading dimensions
    /// (row-major): `c (m×n) = alpha · a (m×k) · op(b) + (accumulate ? c : 0)`.
    ///
    /// `op(b)` is `bᵀ` with `b` given as (n×k) when `transposingB`, else `b` as (k×n).
    /// The leading dimensions are the distance in floats between consecutive rows, which lets
    /// a caller address one attention head inside a fused `(tokens, 3·hidden)` QKV buffer:
    /// ```swift
    /// // scores (L×L) = Q_h (L×32, rows 1152 apart) · K_hᵀ
    /// BLAS.multiplyStrided(q, rowStride: 1152, k, rowStride: 1152, transposingB: true,
    ///                      into: scores, rowStride: L, rows: L, inner: 32, columns: L, scale: 0.177)
    /// ```
    public static func multiplyStrided(
        _ a: UnsafePointer<Float>, rowStride lda: Int,
        _ b: UnsafePointer<Float>, rowStride ldb: Int, transposingB: Bool,
        into c: UnsafeMutablePointer<Float>, rowStride ldc: Int,
        rows m: Int, inner k: Int, columns n: Int, scale alpha: Float = 1, accumulate: Bool = false
    ) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, transposingB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k),
                    alpha, a, Int32(lda), b, Int32(ldb), accumulate ? 1 : 0, c, Int32(ldc))
    }
}
