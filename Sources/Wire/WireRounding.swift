/// How the socket API writes numbers converted for a reader (weights in the user's units,
/// scores): to 0.01, so 100 lb reads back as 100, not 99.99999.
public enum WireRounding {
    /// `value` rounded to two decimals.
    public static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
