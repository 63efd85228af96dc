// =====================================================================================
// Next-workout LSTM: forward pass, backward pass (BPTT) and parameter layout.
//
// One algorithm, one file (llama2.c style). The published architecture (41,975 parameters):
//
//   days (6 ints in 0..<7) ─ Embedding(7,16) ─ LSTM(64, sequences)
//                          ─ LSTM(32, sequences) ─ LSTM(16, last) ───────┐
//   features (3 floats) ──── Dense(32, ReLU) ────────────────────────────┴ concat(48)
//        ─ Dense(64, ReLU) ─ Dropout(0.3) ─ Dense(32, ReLU) ─ Dense(7, softmax)
//
//   Embedding 112 + LSTM 20,736 + 12,416 + 3,136 + Dense 128 + 3,136 + 2,080 + 231 = 41,975.
//
// (The design's one-line summary "concat → Dense 32 → Dropout → Dense 7" omits the published
// Dense(64) and totals 38,327; the published code and its 41,975 have the Dense(64). The
// published code also drops out 0.3 after LSTM 1 and 2 and 0.2 after the feature Dense; those
// hooks exist (`LSTMLayout.dropLSTM`, `dropFeatures`) but are 0, as in the design: with them
// training needed far more epochs for the same accuracy. Parameters are the same either way.)
//
// LSTM cell (Keras conventions, gate order i, f, g, o; forget-gate bias initialised to 1):
//   z_t = x_t·W + h_{t-1}·U + b            // (4H)
//   i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o)
//   c_t = f ⊙ c_{t-1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
// Dropout is inverted (kept units scaled by 1/(1-p)) and only active in training.
// All arithmetic is Double; the weights file stores Float32.
// =====================================================================================

import Foundation

/// The 7 workout classes, in the model's index order.
public enum WorkoutType: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case rest = 0, cardio, strength, hiit, yoga, swimming, cycling
    public var description: String {
        ["rest", "cardio", "strength", "HIIT", "yoga", "swimming", "cycling"][rawValue]
    }
}

/// One example: the last 6 days, 3 user features (age/100, level/2, goal/2) and the next day.
public struct WorkoutSequenceExample: Sendable, Hashable {
    public var days: [Int]          // (6) classes 0..<7, oldest first
    public var features: [Double]   // (3)
    public var next: Int            // label 0..<7
    public init(days: [Int], features: [Double], next: Int) {
        self.days = days; self.features = features; self.next = next
    }
}

/// Shapes and parameter offsets of the network.
public enum LSTMLayout {
    public static let classes = 7, embed = 16, steps = 6, featureCount = 3
    public static let h1 = 64, h2 = 32, h3 = 16, fDense = 32, d1 = 64, d2 = 32
    public static let dropLSTM = 0.0, dropFeatures = 0.0, dropDense = 0.3

    /// (name, rows, cols) of every tensor, in file order. Biases are 1 × n.
    public static let tensors: [(name: String, rows: Int, cols: Int)] = [
        ("embedding", classes, embed),
        ("lstm1.W", embed, 4 * h1), ("lstm1.U", h1, 4 * h1), ("lstm1.b", 1, 4 * h1),
        ("lstm2.W", h1, 4 * h2), ("lstm2.U", h2, 4 * h2), ("lstm2.b", 1, 4 * h2),
        ("lstm3.W", h2, 4 * h3), ("lstm3.U", h3, 4 * h3), ("lstm3.b", 1, 4 * h3),
        ("features.W", featureCount, fDense), ("features.b", 1, fDense),
        ("dense1.W", h3 + fDense, d1), ("dense1.b", 1, d1),
        ("dense2.W", d1, d2), ("dense2.b", 1, d2),
        ("out.W", d2, classes), ("out.b", 1, classes),
    ]
    /// Start offset of each tensor in the flat parameter vector.
    public static let offsets: [Int] = {
        var o: [Int] = [], acc = 0
        for t in tensors { o.append(acc); acc += t.rows * t.cols }
        return o
    }()
    /// 41,975.
    public static let parameterCount = tensors.reduce(0) { $0 + $1.rows * $1.cols }
}

/// The next-workout network: flat parameters plus forward/backward passes.
public struct NextWorkoutLSTM: Sendable {
    /// Flat parameters in `LSTMLayout.tensors` order.
    public var parameters: [Double]

    /// Glorot-uniform weights, zero biases except forget gates (1), seeded.
    public init(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var p = [Double](repeating: 0, count: LSTMLayout.parameterCount)
        for (k, t) in LSTMLayout.tensors.enumerated() {
            let off = LSTMLayout.offsets[k]
            if t.name.hasSuffix(".b") {
                if t.name.hasPrefix("lstm") {
                    let h = t.cols / 4
                    for j in h..<(2 * h) { p[off + j] = 1 }
                }
                continue
            }
            // Embedding: uniform ±0.05 (Keras default); kernels: Glorot uniform per gate block.
            let fanOut = t.name.hasPrefix("lstm") ? t.cols / 4 : t.cols
            let limit = t.name == "embedding" ? 0.05 : (6.0 / Double(t.rows + fanOut)).squareRoot()
            for i in 0..<(t.rows * t.cols) { p[off + i] = (rng.nextUnit() * 2 - 1) * limit }
        }
        parameters = p
    }

    /// Wraps existing parameters (41,975 values).
    public init(parameters: [Double]) throws {
        guard parameters.count == LSTMLayout.parameterCount else {
            throw CoachingError.invalidWeights("expected \(LSTMLayout.parameterCount) parameters, got \(parameters.count)")
        }
        self.parameters = parameters
    }

    /// Class probabilities for the next day (dropout off).
    public func predict(days: [Int], features: [Double]) -> [Double] {
        var ws = Workspace()
        return parameters.withUnsafeBufferPointer { p in
            ws.forward(p.baseAddress!, days: days, features: features, dropout: nil)
            return Array(ws.probs)
        }
    }

    /// Mean cross-entropy over `batch` and, when `gradient` is given, adds d(loss)/d(parameters) to it.
    /// `rng` non-nil turns dropout on (training).
    public func loss(_ batch: ArraySlice<WorkoutSequenceExample>, gradient: inout [Double]?, rng: inout SplitMix64?) -> Double {
        var ws = Workspace()
        var total = 0.0
        let scale = 1 / Double(batch.count)
        parameters.withUnsafeBufferPointer { p in
            for ex in batch {
                ws.forward(p.baseAddress!, days: ex.days, features: ex.features, dropout: rng != nil ? Workspace.Masks(&rng!) : nil)
                total -= log(max(ws.probs[ex.next], 1e-12))
                if gradient != nil {
                    gradient!.withUnsafeMutableBufferPointer { g in
                        ws.backward(p.baseAddress!, g.baseAddress!, label: ex.next, scale: scale)
                    }
                }
            }
        }
        return total * scale
    }
}

// MARK: - Workspace: activations of one example (buffers reused across examples)

struct Workspace {
    typealias L = LSTMLayout
    struct Masks {
        var m1: [Double], m2: [Double], mf: [Double], md: [Double]   // (T·H1), (T·H2), (F), (D1)
        init(_ rng: inout SplitMix64) {
            func mask(_ n: Int, _ p: Double) -> [Double] { (0..<n).map { _ in rng.nextUnit() < p ? 0 : 1 / (1 - p) } }
            m1 = mask(L.steps * L.h1, L.dropLSTM); m2 = mask(L.steps * L.h2, L.dropLSTM)
            mf = mask(L.fDense, L.dropFeatures); md = mask(L.d1, L.dropDense)
        }
    }
    /// Per-layer LSTM caches: inputs x (T, In), gates (T, 4H) post-activation, c (T, H), h (T, H).
    struct LSTMCache {
        let input: Int, hidden: Int
        var x: [Double], gates: [Double], c: [Double], h: [Double]
        init(input: Int, hidden: Int) {
            self.input = input; self.hidden = hidden
            x = .init(repeating: 0, count: L.steps * input); gates = .init(repeating: 0, count: L.steps * 4 * hidden)
            c = .init(repeating: 0, count: L.steps * hidden); h = .init(repeating: 0, count: L.steps * hidden)
        }
    }
    var days = [Int](repeating: 0, count: L.steps)
    var l1 = LSTMCache(input: L.embed, hidden: L.h1)
    var l2 = LSTMCache(input: L.h1, hidden: L.h2)
    var l3 = LSTMCache(input: L.h2, hidden: L.h3)
    var feat = [Double](repeating: 0, count: L.featureCount)   // (3)
    var fAct = [Double](repeating: 0, count: L.fDense)         // (32) after ReLU and dropout
    var fPre = [Double](repeating: 0, count: L.fDense)         // (32) pre-activation
    var concat = [Double](repeating: 0, count: L.h3 + L.fDense) // (48)
    var d1Pre = [Double](repeating: 0, count: L.d1), d1Act = [Double](repeating: 0, count: L.d1) // (64)
    var d2Pre = [Double](repeating: 0, count: L.d2), d2Act = [Double](repeating: 0, count: L.d2) // (32)
    var probs = [Double](repeating: 0, count: L.classes)      // (7)
    var masks: Masks?

    static func off(_ name: String) -> Int { L.offsets[L.tensors.firstIndex { $0.name == name }!] }
    static let oEmb = off("embedding"), o1W = off("lstm1.W"), o1U = off("lstm1.U"), o1b = off("lstm1.b")
    static let o2W = off("lstm2.W"), o2U = off("lstm2.U"), o2b = off("lstm2.b")
    static let o3W = off("lstm3.W"), o3U = off("lstm3.U"), o3b = off("lstm3.b")
    static let ofW = off("features.W"), ofb = off("features.b"), od1W = off("dense1.W"), od1b = off("dense1.b")
    static let od2W = off("dense2.W"), od2b = off("dense2.b"), ooW = off("out.W"), oob = off("out.b")

    // MARK: forward

    mutating func forward(_ p: UnsafePointer<Double>, days: [Int], features: [Double], dropout: Masks?) {
        masks = dropout
        self.days = days
        // Embedding lookup → l1.x (T, 16)
        for t in 0..<L.steps {
            let d = min(max(days[t], 0), L.classes - 1)
            for k in 0..<L.embed { l1.x[t * L.embed + k] = p[Self.oEmb + d * L.embed + k] }
        }
        Self.lstmForward(p, W: Self.o1W, U: Self.o1U, b: Self.o1b, cache: &l1)
        for i in 0..<(L.steps * L.h1) { l2.x[i] = l1.h[i] * (masks?.m1[i] ?? 1) }
        Self.lstmForward(p, W: Self.o2W, U: Self.o2U, b: Self.o2b, cache: &l2)
        for i in 0..<(L.steps * L.h2) { l3.x[i] = l2.h[i] * (masks?.m2[i] ?? 1) }
        Self.lstmForward(p, W: Self.o3W, U: Self.o3U, b: Self.o3b, cache: &l3)
        // Feature branch (3 → 32, ReLU, dropout 0.2)
        for k in 0..<L.featureCount { feat[k] = features[k] }
        Self.dense(p, W: Self.ofW, b: Self.ofb, input: feat, inCount: L.featureCount, outCount: L.fDense, out: &fPre)
        for j in 0..<L.fDense { fAct[j] = max(0, fPre[j]) * (masks?.mf[j] ?? 1) }
        // concat(h3 at last step (16), features (32)) → (48)
        for j in 0..<L.h3 { concat[j] = l3.h[(L.steps - 1) * L.h3 + j] }
        for j in 0..<L.fDense { concat[L.h3 + j] = fAct[j] }
        Self.dense(p, W: Self.od1W, b: Self.od1b, input: concat, inCount: L.h3 + L.fDense, outCount: L.d1, out: &d1Pre)
        for j in 0..<L.d1 { d1Act[j] = max(0, d1Pre[j]) * (masks?.md[j] ?? 1) }
        Self.dense(p, W: Self.od2W, b: Self.od2b, input: d1Act, inCount: L.d1, outCount: L.d2, out: &d2Pre)
        for j in 0..<L.d2 { d2Act[j] = max(0, d2Pre[j]) }
        Self.dense(p, W: Self.ooW, b: Self.oob, input: d2Act, inCount: L.d2, outCount: L.classes, out: &probs)
        let m = probs.max()!
        var s = 0.0
        for j in 0..<L.classes { probs[j] = exp(probs[j] - m); s += probs[j] }
        for j in 0..<L.classes { probs[j] /= s }
    }

    /// out = input · W + b, W (in, out) row-major.
    static func dense(_ p: UnsafePointer<Double>, W: Int, b: Int, input: [Double], inCount: Int, outCount: Int, out: inout [Double]) {
        out.withUnsafeMutableBufferPointer { o in
            for j in 0..<outCount { o[j] = p[b + j] }
            for i in 0..<inCount {
                let xi = input[i]
                if xi == 0 { continue }
                let row = p + W + i * outCount
                for j in 0..<outCount { o[j] += xi * row[j] }
            }
        }
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    static func lstmForward(_ p: UnsafePointer<Double>, W: Int, U: Int, b: Int, cache: inout LSTMCache) {
        let n = cache.input, h = cache.hidden, g4 = 4 * h
        var z = [Double](repeating: 0, count: g4)
        cache.x.withUnsafeBufferPointer { x in
        cache.gates.withUnsafeMutableBufferPointer { gates in
        cache.c.withUnsafeMutableBufferPointer { c in
        cache.h.withUnsafeMutableBufferPointer { hs in
        z.withUnsafeMutableBufferPointer { z in
            for t in 0..<L.steps {
                for j in 0..<g4 { z[j] = p[b + j] }
                for i in 0..<n {                                   // x_t · W
                    let xi = x[t * n + i]
                    let row = p + W + i * g4
                    for j in 0..<g4 { z[j] += xi * row[j] }
                }
                if t > 0 {                                         // h_{t-1} · U
                    for i in 0..<h {
                        let hi = hs[(t - 1) * h + i]
                        let row = p + U + i * g4
                        for j in 0..<g4 { z[j] += hi * row[j] }
                    }
                }
                for j in 0..<h {
                    let ig = sigmoid(z[j]), fg = sigmoid(z[h + j]), gg = tanh(z[2 * h + j]), og = sigmoid(z[3 * h + j])
                    let cPrev = t > 0 ? c[(t - 1) * h + j] : 0
                    let ct = fg * cPrev + ig * gg
                    gates[t * g4 + j] = ig; gates[t * g4 + h + j] = fg
                    gates[t * g4 + 2 * h + j] = gg; gates[t * g4 + 3 * h + j] = og
                    c[t * h + j] = ct
                    hs[t * h + j] = og * tanh(ct)
                }
            }
        }}}}}
    }

    // MARK: backward (adds scale · dLoss/dParams into g)

    mutating func backward(_ p: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>, label: Int, scale: Double) {
        // Softmax + cross-entropy: dlogits = (p − onehot) · scale  (7)
        var dLogits = probs.map { $0 * scale }
        dLogits[label] -= scale
        var dD2 = [Double](repeating: 0, count: L.d2)
        Self.denseBackward(p, g, W: Self.ooW, b: Self.oob, input: d2Act, dOut: dLogits, inCount: L.d2, outCount: L.classes, dIn: &dD2)
        for j in 0..<L.d2 where d2Pre[j] <= 0 { dD2[j] = 0 }
        var dD1 = [Double](repeating: 0, count: L.d1)
        Self.denseBackward(p, g, W: Self.od2W, b: Self.od2b, input: d1Act, dOut: dD2, inCount: L.d1, outCount: L.d2, dIn: &dD1)
        for j in 0..<L.d1 { dD1[j] = d1Pre[j] > 0 ? dD1[j] * (masks?.md[j] ?? 1) : 0 }
        var dConcat = [Double](repeating: 0, count: L.h3 + L.fDense)
        Self.denseBackward(p, g, W: Self.od1W, b: Self.od1b, input: concat, dOut: dD1, inCount: L.h3 + L.fDense, outCount: L.d1, dIn: &dConcat)
        // Feature branch
        var dF = [Double](repeating: 0, count: L.fDense)
        for j in 0..<L.fDense { dF[j] = fPre[j] > 0 ? dConcat[L.h3 + j] * (masks?.mf[j] ?? 1) : 0 }
        var dFeat = [Double](repeating: 0, count: L.featureCount)
        Self.denseBackward(p, g, W: Self.ofW, b: Self.ofb, input: feat, dOut: dF, inCount: L.featureCount, outCount: L.fDense, dIn: &dFeat)
        // LSTM stack: only the last step of layer 3 receives a gradient from above.
        var dH3 = [Double](repeating: 0, count: L.steps * L.h3)
        for j in 0..<L.h3 { dH3[(L.steps - 1) * L.h3 + j] = dConcat[j] }
        var dX3 = [Double](repeating: 0, count: L.steps * L.h2)
        Self.lstmBackward(p, g, W: Self.o3W, U: Self.o3U, b: Self.o3b, cache: l3, dH: dH3, dX: &dX3)
        for i in 0..<(L.steps * L.h2) { dX3[i] *= masks?.m2[i] ?? 1 }
        var dX2 = [Double](repeating: 0, count: L.steps * L.h1)
        Self.lstmBackward(p, g, W: Self.o2W, U: Self.o2U, b: Self.o2b, cache: l2, dH: dX3, dX: &dX2)
        for i in 0..<(L.steps * L.h1) { dX2[i] *= masks?.m1[i] ?? 1 }
        var dX1 = [Double](repeating: 0, count: L.steps * L.embed)
        Self.lstmBackward(p, g, W: Self.o1W, U: Self.o1U, b: Self.o1b, cache: l1, dH: dX2, dX: &dX1)
        for t in 0..<L.steps {
            let d = min(max(days[t], 0), L.classes - 1)
            for k in 0..<L.embed { g[Self.oEmb + d * L.embed + k] += dX1[t * L.embed + k] }
        }
    }

    /// Given dOut for out = input·W + b: adds input ⊗ dOut to dW, dOut to db; dIn = W · dOut.
    static func denseBackward(_ p: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>, W: Int, b: Int, input: [Double],
                              dOut: [Double], inCount: Int, outCount: Int, dIn: inout [Double]) {
        dOut.withUnsafeBufferPointer { d in
            for j in 0..<outCount { g[b + j] += d[j] }
            for i in 0..<inCount {
                let row = p + W + i * outCount, grow = g + W + i * outCount
                let xi = input[i]
                var acc = 0.0
                for j in 0..<outCount { acc += row[j] * d[j]; grow[j] += xi * d[j] }
                dIn[i] = acc
            }
        }
    }

    /// BPTT through one LSTM layer. dH (T, H) is the gradient on each step's output from above;
    /// writes dX (T, In).
    static func lstmBackward(_ p: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>, W: Int, U: Int, b: Int,
                             cache: LSTMCache, dH: [Double], dX: inout [Double]) {
        let n = cache.input, h = cache.hidden, g4 = 4 * h
        var dz = [Double](repeating: 0, count: g4)        // (4H) pre-activation gradient
        var dhNext = [Double](repeating: 0, count: h)     // from step t+1 through U
        var dcNext = [Double](repeating: 0, count: h)
        for t in stride(from: L.steps - 1, through: 0, by: -1) {
            for j in 0..<h {
                let ig = cache.gates[t * g4 + j], fg = cache.gates[t * g4 + h + j]
                let gg = cache.gates[t * g4 + 2 * h + j], og = cache.gates[t * g4 + 3 * h + j]
                let ct = cache.c[t * h + j], tc = tanh(ct)
                let cPrev = t > 0 ? cache.c[(t - 1) * h + j] : 0
                let dh = dH[t * h + j] + dhNext[j]
                let dc = dh * og * (1 - tc * tc) + dcNext[j]
                dz[j] = dc * gg * ig * (1 - ig)
                dz[h + j] = dc * cPrev * fg * (1 - fg)
                dz[2 * h + j] = dc * ig * (1 - gg * gg)
                dz[3 * h + j] = dh * tc * og * (1 - og)
                dcNext[j] = dc * fg
            }
            dz.withUnsafeBufferPointer { d in
                for j in 0..<g4 { g[b + j] += d[j] }
                for i in 0..<n {                                   // dW += x_t ⊗ dz ; dx_t = W · dz
                    let row = p + W + i * g4, grow = g + W + i * g4
                    let xi = cache.x[t * n + i]
                    var acc = 0.0
                    for j in 0..<g4 { acc += row[j] * d[j]; grow[j] += xi * d[j] }
                    dX[t * n + i] = acc
                }
                for i in 0..<h {                                   // dU += h_{t-1} ⊗ dz ; dh_{t-1} = U · dz
                    let row = p + U + i * g4, grow = g + U + i * g4
                    let hi = t > 0 ? cache.h[(t - 1) * h + i] : 0
                    var acc = 0.0
                    for j in 0..<g4 { acc += row[j] * d[j]; grow[j] += hi * d[j] }
                    dhNext[i] = acc
                }
            }
        }
    }
}

/// A small seeded generator (SplitMix64) so training and synthetic data are reproducible.
public struct SplitMix64: Sendable, RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
