import CQuantKernels

extension HalfFloat {
    /// float32 → float16 bits, round to nearest even (the same bits on every kernel level).
    public static func halves(_ x: [Float]) -> [UInt16] {
        var h = [UInt16](repeating: 0, count: x.count)
        sq_f32_to_f16(x, &h, x.count)
        return h
    }

    /// float16 bits → float32.
    public static func floats(_ h: [UInt16]) -> [Float] {
        var x = [Float](repeating: 0, count: h.count)
        sq_f16_to_f32(h, &x, h.count)
        return x
    }
}
