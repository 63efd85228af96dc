/// The storage formats of weight matrices, laid out as in ggml (little-endian).
///
/// Quantized formats group 32 consecutive weights of a row (along the input dimension) into a
/// block with its own scale:
///
/// | format | bytes/block | layout | weight |
/// |---|---|---|---|
/// | `f32`  | 4 per weight | float32 | w |
/// | `f16`  | 2 per weight | float16 | w |
/// | `q8_0` | 34 | `d: f16`, `qs: 32 × i8` | `d·q` |
/// | `q4_0` | 18 | `d: f16`, `qs: 16 × u8` | `d·(q − 8)` |
/// | `q4_1` | 20 | `d: f16`, `m: f16`, `qs: 16 × u8` | `d·q + m` |
///
/// In the 4-bit formats the **low** nibble of `qs[j]` is weight `j` and the **high** nibble is
/// weight `j + 16` (the two halves of the block, not interleaved).
public enum BlockFormat: Sendable, Equatable, CustomStringConvertible {
    case f32, f16, q8_0, q4_0, q4_1

    /// Weights per block (1 for the float formats).
    public var blockSize: Int {
        switch self {
        case .f32, .f16: 1
        case .q8_0, .q4_0, .q4_1: 32
        }
    }

    /// Bytes per block.
    public var blockBytes: Int {
        switch self {
        case .f32: 4
        case .f16: 2
        case .q8_0: 34
        case .q4_0: 18
        case .q4_1: 20
        }
    }

    /// Bytes taken by `count` weights (`count` must be a multiple of `blockSize`).
    public func byteCount(weights count: Int) -> Int {
        count / blockSize * blockBytes
    }

    public var description: String {
        switch self {
        case .f32: "F32"
        case .f16: "F16"
        case .q8_0: "Q8_0"
        case .q4_0: "Q4_0"
        case .q4_1: "Q4_1"
        }
    }
}
