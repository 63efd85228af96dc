/// Direction of a series over the last sessions.
public enum Trend: String, Sendable, Hashable, Codable {
    case up, flat, down

    /// Least-squares slope of `values` (in session order) relative to their mean: above +`tolerance`
    /// per session is up, below −`tolerance` down, otherwise flat (fewer than two values: flat).
    public init(_ values: [Double], tolerance: Double = 0.01) {
        let n = Double(values.count)
        guard values.count >= 2 else { self = .flat; return }
        let meanX = (n - 1) / 2
        let meanY = values.reduce(0, +) / n
        var num = 0.0, den = 0.0
        for (i, y) in values.enumerated() {
            num += (Double(i) - meanX) * (y - meanY)
            den += (Double(i) - meanX) * (Double(i) - meanX)
        }
        let slope = num / den
        let scale = max(abs(meanY), 1e-9)
        if slope / scale > tolerance { self = .up } else if slope / scale < -tolerance { self = .down } else { self = .flat }
    }
}
