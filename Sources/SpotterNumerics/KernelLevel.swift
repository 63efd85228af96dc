import CQuantKernels

/// The instruction set the C kernels use, chosen at run time from CPUID and the operating
/// system's saved register state (XGETBV), never from compile-time flags.
///
/// | level | needs | integer dot of 4 u8 × s8 pairs |
/// |---|---|---|
/// | `portable` | any CPU | C loops (baseline SSE2 code) |
/// | `avx2` | AVX2, FMA, F16C, OS-saved YMM | `vpmaddubsw` + `vpmaddwd` |
/// | `avxVNNI` | `avx2` + AVX-VNNI | `vpdpbusd` (VEX) |
/// | `avx512VNNI` | `avx2` + AVX-512 F/BW/VL/VNNI, OS-saved ZMM and opmasks | `vpdpbusd` (EVEX, 32 registers: 4×4 tiles) |
///
/// The three SIMD levels compute identical integer sums, so their results are bit-identical;
/// the portable level differs only in float summation order. AMX is never used.
public enum KernelLevel: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case portable = 0, avx2 = 1, avxVNNI = 2, avx512VNNI = 3

    /// The best level this CPU and operating system support.
    public static var supported: KernelLevel { KernelLevel(rawValue: Int(sq_supported_level())) ?? .portable }

    /// The level in use: the highest runnable level not above the `limit(to:)` cap.
    public static var active: KernelLevel { KernelLevel(rawValue: Int(sq_active_level())) ?? .portable }

    /// Caps the level (tests of the fallbacks, the bench); `nil` removes the cap. Process-wide:
    /// do not call while kernels run on other threads.
    public static func limit(to level: KernelLevel?) { sq_set_level_limit(Int32(level?.rawValue ?? -1)) }

    /// The levels this machine can run, portable first (AVX-512 VNNI does not imply AVX-VNNI:
    /// Ice Lake and Zen 4 have only the former).
    public static var runnable: [KernelLevel] { allCases.filter { sq_level_runnable(Int32($0.rawValue)) != 0 } }

    public static func < (a: KernelLevel, b: KernelLevel) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .portable: "portable"
        case .avx2: "AVX2"
        case .avxVNNI: "AVX-VNNI"
        case .avx512VNNI: "AVX-512 VNNI"
        }
    }
}
