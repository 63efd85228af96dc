import CQuantKernels

/// How a KV cache stores keys and values (`KVCacheBudget.format`); `Attention` reads and writes
/// both through the same drivers.
///
/// One layer and one KV head (`d` values per head; capacity a multiple of 64 positions), in
/// blocks of 64 positions aligned at 0:
/// ```
/// .float16  keys   each block transposed, (d, 64) halves: key p's value i at
///                  keys[(p/64)·64·d + i·64 + p%64]
///           values row-major halves, value p at values + p·d
///           2·d bytes per position (128 for d = 64)
/// .int8     (d a multiple of 32) each block 64·(d + 4·d/32) bytes:
///           keys   int8 [4][d/4][16][4]   chunks of 16 keys, 4 consecutive values per 32-bit lane
///                  float32 [d/32][64]     one scale per 32 values of a key (amax / 127)
///           values int8 [d/16][64][16]    16 values of a position together
///                  float32 [d/32][64]     one scale per 32 values
///           d + 4·d/32 bytes per position (72 for d = 64)
/// ```
public enum KVCacheFormat: String, Sendable, CaseIterable {
    /// Q8_0-style blocks (as llama.cpp's `-ctk q8_0 -ctv q8_0`, with float32 scales): 32 int8
    /// values and one scale, `d + 4·d/32` bytes per head and position (12,960 bytes per
    /// position for SmolLM2-135M, 56 % of float16); queries are quantized likewise and q·k is
    /// an integer dot per block of 32, values are mixed with weights `p · scale`. It nearly
    /// halves the keys and values a decode step reads (SmolLM2-135M at 2k: 26 MB against
    /// 47 MB; attention 2.6–3.1 ms against 3.2–4.0 ms a token, decode 82–101 against
    /// 78–87 tok/s on 2 cores), but it is lossier: on the portable kernels it flips one
    /// reference case whose top two logits are 0.12 apart in llama.cpp, so it is an option,
    /// not the default. Heads whose size is not a multiple of 32 use `.float16`.
    case int8 = "q8"
    /// IEEE half floats, `2·d` bytes per head and position (23,040 per position for
    /// SmolLM2-135M). The default.
    case float16 = "f16"

    /// Bytes of one head's key (or value) at one position for heads of `d` values.
    public func bytesPerPosition(dimension d: Int) -> Int {
        Int(sq_kv_bytes_per_position(kernelFormat, Int32(d)))
    }

    /// Whether this format can hold heads of `d` values (`.int8`: a multiple of 32).
    public func supports(dimension d: Int) -> Bool {
        switch self {
        case .float16: d > 0
        case .int8: d > 0 && d % 32 == 0
        }
    }

    /// The kernels' format id (`SQ_KV_F16`, `SQ_KV_Q8`).
    @usableFromInline var kernelFormat: Int32 {
        switch self {
        case .float16: Int32(SQ_KV_F16)
        case .int8: Int32(SQ_KV_Q8)
        }
    }
}
