#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The Gaussian error linear unit.
public enum GELU {
    /// Exact GELU in place: `x · ½ · (1 + erf(x / √2))` — BERT's `hidden_act: "gelu"`.
    ///
    /// Not the tanh approximation, which differs by up to ~3e-4 after a BERT encoder and fails
    /// reference tolerances. Uses the C library's single-precision `erff` (within about an ulp
    /// of the double-precision value).
    public static func applyExact(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let inverseSqrt2: Float = 0.70710678118654752440
        for i in 0..<count {
            let v = x[i]
            x[i] = 0.5 * v * (1 + erff(v * inverseSqrt2))
        }
    }
}
