/// IEEE 754 half-precision → single-precision conversion through a 65,536-entry table.
///
/// Baseline x86-64 has no F16C instruction, so `Float(Float16(bitPattern:))` goes through a
/// software routine; quantized kernels convert two scales per 32 weights, so they look the
/// value up instead (as ggml's `ggml_table_f32_f16` does). The table is 256 KiB, built once.
public enum HalfFloat {
    /// `table[bits]` is the `Float` value of the half with that bit pattern.
    public static let table: [Float] = (0..<65_536).map { Float(Float16(bitPattern: UInt16($0))) }

    /// Converts one half-precision bit pattern (cold paths; kernels index `table` directly).
    @inlinable
    public static func float(bits: UInt16) -> Float {
        Float(Float16(bitPattern: bits))
    }
}
