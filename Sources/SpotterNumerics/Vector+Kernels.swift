import CQuantKernels

extension Vector {
    /// `gate[i] = silu(gate[i]) · up[i]` with the kernels' vectorised exp (relative error of the
    /// exp ≤ ~2 ulp); elementwise, so any split over threads gives the same bits.
    @inlinable
    public static func swiGLUVectorized(_ gate: UnsafeMutablePointer<Float>, _ up: UnsafePointer<Float>, count: Int) {
        sq_swiglu(gate, up, count)
    }

    /// e^x with the kernels' vectorised exp (tests).
    public static func expVectorized(_ x: [Float]) -> [Float] {
        var y = [Float](repeating: 0, count: x.count)
        sq_exp(x, &y, x.count)
        return y
    }
}
