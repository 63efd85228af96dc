import Foundation

/// How this lifter moves from one session of an exercise to the next, learned online from their own
/// earlier transitions only: a small logistic model of "the next top set goes up" (against "holds
/// or goes down") over the features below, fitted by Newton's method with an L2 penalty of 1.
///
/// Features of one exercise's history (`features(_:)`), each from the sessions so far:
/// 1. bias; 2. the last session's hardest RPE − 9 (9 when none was logged);
/// 3. the last top set's reps − the median working reps of the recent sessions (clipped ±4);
/// 4. sessions at the current weight − the median run length at a weight before this lifter added
///    load on this exercise (clipped ±3; 0 before the first increase);
/// 5. the last top set's reps − the median reps at which they added load before (clipped ±4; 0 before);
/// 6. 1 when the exercise has such an increase, else 0; 7. the exercise's share of "up"
///    transitions so far, shrunk towards 1/3 ((ups + 1) / (transitions + 3));
/// 8. in the last session, the reps of the last working set at the top load − those of the first
///    (clipped ±3: reps held or rose across the sets, or fell off);
/// 9. the working sets at the top load in the last session − 2 (1 to 4 sets: a single heavy set
///    then back-off sets, or every set at the load).
///
/// The rules keep every safety decision (recovery, breaks, fatigue evidence, back to the working
/// load, bodyweight and assisted lifts); the habit only decides between hold and up, and only once
/// it has seen `minimumCases` transitions: up above `upAbove`, hold below `holdBelow`.
///
/// Chosen on the first half of the shared Hevy export (`spotter bench replay` reports the second
/// half with them): the features, `upAbove` 0.6, `holdBelow` 0.4, `minimumCases` 40. Features 8
/// and 9 were added later, beside other candidates measured on the first half (the last session's
/// easiest RPE at the top load, back-off sets, "just increased", reps gained at the weight, a
/// ramp after an exercise's first session); they are the pair that helped the first half without
/// hurting the whole log or the second half.
public struct ProgressionHabit: Sendable, Hashable {
    /// Logistic weights, one per feature (see the type's documentation).
    public var weights: [Double]
    /// Transitions it was fitted on.
    public var cases: Int
    /// Say "up" where the rules say hold when P(up) is above this.
    public var upAbove: Double = 0.6
    /// Say "hold" where the rules say up when P(up) is below this.
    public var holdBelow: Double = 0.4
    /// Fewer fitted transitions than this and the habit abstains.
    public var minimumCases: Int = 40

    /// The rules whose hold-or-up call the habit may change (never the safety rules).
    public static let decides: Set<OverloadRule> = [.highEffort, .progressing, .stalled, .veryEasy, .easyAtTopOfRange]

    public init(weights: [Double], cases: Int) { self.weights = weights; self.cases = cases }

    /// What the history says about this exercise's progression, in the lifter's terms.
    public struct Evidence: Sendable, Hashable {
        /// Sessions at the current weight, counting the last one.
        public var sessionsAtWeight: Int
        /// Median sessions at a weight before the lifter added load on this exercise (nil before any increase).
        public var typicalSessionsBeforeIncrease: Double?
        /// Median top-set reps at which they added load (nil before any increase).
        public var typicalRepsAtIncrease: Double?
        /// Load changes so far: increases and all transitions.
        public var increases: Int, transitions: Int
        /// The last session's working sets at the top load, and the reps of the last of them − the first.
        public var setsAtTopLoad: Int = 1, repsChangeAtTopLoad: Int = 0
    }

    /// Reads the evidence from one exercise's load and reps history.
    public static func evidence(_ ex: ExerciseFeatures) -> Evidence {
        let loads = ex.loadHistory, reps = ex.repsHistory
        var runs: [Double] = [], triggers: [Double] = [], run = 1, ups = 0
        for i in loads.indices.dropFirst() {
            switch OverloadReplay.direction(from: loads[i - 1], to: loads[i]) {
            case .hold: run += 1
            case .up:
                ups += 1; runs.append(Double(run))
                if i - 1 < reps.count { triggers.append(Double(reps[i - 1])) }
                run = 1
            case .down: run = 1
            }
        }
        return Evidence(sessionsAtWeight: run, typicalSessionsBeforeIncrease: median(runs),
                        typicalRepsAtIncrease: median(triggers), increases: ups, transitions: max(0, loads.count - 1),
                        setsAtTopLoad: ex.last?.setsAtTopLoad ?? 1, repsChangeAtTopLoad: ex.last?.repsChangeAtTopLoad ?? 0)
    }

    /// The feature vector of one exercise's history (see the type's documentation).
    public static func features(_ ex: ExerciseFeatures) -> [Double] {
        guard let last = ex.last else { return [1, 0, 0, 0, 0, 0, 1.0 / 3, 0, 0] }
        let e = evidence(ex)
        let rpe = (last.maxRPE ?? last.averageRPE ?? 9) - 9
        let median = ex.recentMedianWorkingReps ?? last.topSetReps
        let reps = Double(last.topSetReps)
        return [1, rpe, clip(reps - Double(median), 4),
                e.typicalSessionsBeforeIncrease.map { clip(Double(e.sessionsAtWeight) - $0, 3) } ?? 0,
                e.typicalRepsAtIncrease.map { clip(reps - $0, 4) } ?? 0,
                e.typicalRepsAtIncrease == nil ? 0 : 1,
                Double(e.increases + 1) / Double(e.transitions + 3),
                clip(Double(last.repsChangeAtTopLoad), 3), Double(min(max(last.setsAtTopLoad, 1), 4)) - 2]
    }

    /// P(the next top set goes up) for this history.
    public func probabilityUp(_ ex: ExerciseFeatures) -> Double {
        Self.sigmoid(zip(weights, Self.features(ex)).reduce(0) { $0 + $1.0 * $1.1 })
    }

    /// Whether the habit has seen enough of the lifter to decide.
    public var isConfident: Bool { cases >= minimumCases }

    /// Fits the habit on past transitions: each an exercise's history before a session and whether
    /// the lifter's next top set went up. `l2` penalises every weight (bias included).
    public static func fit(_ transitions: [(history: ExerciseFeatures, wentUp: Bool)], l2: Double = 1, iterations: Int = 25) -> ProgressionHabit {
        let x = transitions.map { features($0.history) }
        let y = transitions.map { $0.wentUp ? 1.0 : 0 }
        let d = x.first?.count ?? 9
        var w = [Double](repeating: 0, count: d)
        guard !x.isEmpty else { return ProgressionHabit(weights: w, cases: 0) }
        let n = x.count
        let xs = x.flatMap { $0 }                                         // (n, d) features, row-major
        for _ in 0..<iterations {
            var g = w.map { l2 * $0 }                                     // (d) gradient
            var h = [Double](repeating: 0, count: d * d)                  // (d, d) Hessian, row-major
            for i in 0..<d { h[i * d + i] = l2 }
            xs.withUnsafeBufferPointer { X in
                g.withUnsafeMutableBufferPointer { G in
                    h.withUnsafeMutableBufferPointer { H in
                        for r in 0..<n {
                            let o = r * d
                            var z = 0.0
                            for a in 0..<d { z = z + w[a] * X[o + a] }
                            let p = sigmoid(z)
                            let s = p * (1 - p)
                            for a in 0..<d {
                                G[a] += (p - y[r]) * X[o + a]
                                for b in 0..<d { H[a * d + b] += s * X[o + a] * X[o + b] }
                            }
                        }
                    }
                }
            }
            guard let step = solve((0..<d).map { Array(h[$0 * d ..< $0 * d + d]) }, g) else { break }
            var moved = 0.0
            for a in 0..<d { w[a] -= step[a]; moved = max(moved, abs(step[a])) }
            if moved < 1e-6 { break }
        }
        return ProgressionHabit(weights: w, cases: x.count)
    }

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
    static func clip(_ v: Double, _ m: Double) -> Double { min(m, max(-m, v)) }
    static func median(_ v: [Double]) -> Double? {
        guard !v.isEmpty else { return nil }
        let s = v.sorted(), n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    /// Solves `a x = b` by Gaussian elimination with partial pivoting (nil when singular).
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        var m = a, v = b
        let n = v.count
        for col in 0..<n {
            let pivot = (col..<n).max { abs(m[$0][col]) < abs(m[$1][col]) }!
            guard abs(m[pivot][col]) > 1e-12 else { return nil }
            m.swapAt(col, pivot); v.swapAt(col, pivot)
            for r in (col + 1)..<n {
                let f = m[r][col] / m[col][col]
                for c in col..<n { m[r][c] -= f * m[col][c] }
                v[r] -= f * v[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = v[r]
            for c in (r + 1)..<n { s -= m[r][c] * x[c] }
            x[r] = s / m[r][r]
        }
        return x
    }
}
