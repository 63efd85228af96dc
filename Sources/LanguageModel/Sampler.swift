import Foundation

/// Chooses the next token from logits, in llama.cpp's order: repetition penalty → top-k →
/// top-p → min-p → temperature → draw. `temperature <= 0` is greedy (argmax after the penalty).
/// Top-p and min-p are applied to the distribution before temperature, as llama.cpp does.
///
/// Draws come from a SplitMix64 generator seeded by `SamplingOptions.seed`, so the same seed,
/// prompt and options give the same tokens.
struct Sampler {
    let options: SamplingOptions
    private var rng: SplitMix64
    /// Tokens considered by the repetition penalty (the most recent ones).
    static let penaltyWindow = 64

    init(options: SamplingOptions) {
        self.options = options
        rng = SplitMix64(seed: options.seed ?? UInt64.random(in: .min ... .max))
    }

    /// Picks a token; may modify `logits` (penalty).
    mutating func sample(_ logits: UnsafeMutablePointer<Float>, count: Int, history: [Int]) -> Int {
        if options.repetitionPenalty != 1, options.repetitionPenalty > 0 {
            for id in Set(history.suffix(Self.penaltyWindow)) where id >= 0 && id < count {
                logits[id] = logits[id] > 0 ? logits[id] / options.repetitionPenalty : logits[id] * options.repetitionPenalty
            }
        }
        if options.temperature <= 0 { return Self.argmax(logits, count: count) }

        let k = options.topK > 0 ? min(options.topK, count) : count
        var candidates = Self.topK(logits, count: count, k: k)   // sorted by logit, descending
        // Probabilities at temperature 1 for top-p / min-p.
        let maxLogit = candidates[0].logit
        var probabilities = candidates.map { expf($0.logit - maxLogit) }
        var total = probabilities.reduce(0, +)
        if options.topP < 1 {
            var cumulative: Float = 0
            var keep = candidates.count
            for (i, p) in probabilities.enumerated() {
                cumulative += p / total
                if cumulative >= options.topP { keep = i + 1; break }
            }
            candidates.removeLast(candidates.count - keep)
            probabilities.removeLast(probabilities.count - keep)
            total = probabilities.reduce(0, +)
        }
        if options.minP > 0 {
            let threshold = options.minP * probabilities[0]   // probabilities[0] is the maximum
            let keep = max(1, probabilities.firstIndex(where: { $0 < threshold }) ?? probabilities.count)
            candidates.removeLast(candidates.count - keep)
        }
        // Temperature, then draw.
        let weights = candidates.map { expf(($0.logit - maxLogit) / options.temperature) }
        let sum = weights.reduce(0, +)
        var u = Float(rng.nextUnit()) * sum
        for (i, w) in weights.enumerated() {
            u -= w
            if u < 0 { return candidates[i].id }
        }
        return candidates[candidates.count - 1].id
    }

    static func argmax(_ logits: UnsafePointer<Float>, count: Int) -> Int {
        var best = 0
        for i in 1..<count where logits[i] > logits[best] { best = i }
        return best
    }

    /// The `k` largest logits, descending (ties: lower id first).
    static func topK(_ logits: UnsafePointer<Float>, count: Int, k: Int) -> [(id: Int, logit: Float)] {
        if k >= count / 2 {
            var all: [(id: Int, logit: Float)] = (0..<count).map { (id: $0, logit: logits[$0]) }
            all.sort { (a: (id: Int, logit: Float), b: (id: Int, logit: Float)) -> Bool in
                a.logit > b.logit || (a.logit == b.logit && a.id < b.id)
            }
            return Array(all.prefix(k))
        }
        // Keep a sorted list of the best k; most logits fail the first comparison.
        var best: [(id: Int, logit: Float)] = []
        best.reserveCapacity(k + 1)
        for i in 0..<count {
            let l = logits[i]
            if best.count == k, l <= best[k - 1].logit { continue }
            var pos = best.count
            while pos > 0 && best[pos - 1].logit < l { pos -= 1 }
            best.insert((i, l), at: pos)
            if best.count > k { best.removeLast() }
        }
        return best
    }
}

/// SplitMix64: a small, fast, seedable generator (Steele, Lea, Flood 2014).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
