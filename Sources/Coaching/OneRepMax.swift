/// Estimated one-repetition maximum (e1RM) formulas and the RPE/RIR percentage table.
///
/// Worked examples (kg): 100 × 5 → Epley 116.67, Brzycki 112.5; 100 × 5 @ RPE 8 (2 in reserve,
/// 7 reps to failure) → 100 / 0.811 = 123.3.
public enum OneRepMax {
    /// Epley: `w · (1 + r / 30)`; a single is its own 1RM.
    public static func epley(weight: Double, reps: Int) -> Double {
        guard reps > 0 else { return 0 }
        return reps == 1 ? weight : weight * (1 + Double(reps) / 30)
    }

    /// Brzycki: `w · 36 / (37 − r)`; defined for 1...36 reps (more reps are clamped to 36).
    public static func brzycki(weight: Double, reps: Int) -> Double {
        guard reps > 0 else { return 0 }
        return weight * 36 / (37 - Double(min(reps, 36)))
    }

    /// Percentage of 1RM for "reps to failure" (reps + reps in reserve) 1, 1.5, …, 16, from the
    /// widely used RPE chart (RPE 10 row; RPE r at n reps reads the entry for n + (10 − r)).
    static let percentByRepsToFailure: [Double] = [
        100.0, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0, 83.7, 82.4, 81.1, 79.9, 78.6,
        77.4, 76.2, 75.1, 73.9, 72.3, 70.7, 69.4, 68.0, 66.7, 65.3, 64.0, 62.6, 61.3, 59.9, 58.6, 57.4,
    ]

    /// Fraction of 1RM that `reps` at a given RPE (or reps in reserve) represents.
    ///
    /// Reps to failure = reps + RIR, with RIR = 10 − RPE when only RPE is known; interpolated in the
    /// table between 1 and 16, Epley's curve (joined continuously) beyond it.
    public static func fractionOfMax(reps: Int, rpe: Double? = nil, rir: Double? = nil) -> Double {
        let reserve = max(0, rir ?? rpe.map { 10 - min(10, $0) } ?? 0)
        let toFailure = max(1, Double(reps) + reserve)
        let index = (toFailure - 1) * 2
        let table = percentByRepsToFailure
        if index >= Double(table.count - 1) {
            // Past 16 reps to failure: Epley's shape, scaled to meet the table's last entry.
            return table[table.count - 1] / 100 * (1 + 16.0 / 30) / (1 + toFailure / 30)
        }
        let lo = Int(index.rounded(.down))
        let t = index - Double(lo)
        return (table[lo] * (1 - t) + table[lo + 1] * t) / 100
    }

    /// RPE-adjusted e1RM: `weight / fractionOfMax(reps, rpe, rir)`. Without RPE or RIR this assumes
    /// the set went to failure (then it sits between Brzycki and Epley).
    public static func rpeAdjusted(weight: Double, reps: Int, rpe: Double? = nil, rir: Double? = nil) -> Double {
        guard reps > 0, weight > 0 else { return 0 }
        return weight / fractionOfMax(reps: reps, rpe: rpe, rir: rir)
    }

    /// The load for `reps` at a target RPE given an e1RM (the inverse of `rpeAdjusted`).
    public static func load(forReps reps: Int, rpe: Double, oneRepMax: Double) -> Double {
        oneRepMax * fractionOfMax(reps: reps, rpe: rpe)
    }
}
