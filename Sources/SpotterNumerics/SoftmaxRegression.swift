import Foundation

/// Multinomial logistic regression over sparse feature vectors, trained by full-batch gradient
/// descent on the mean cross-entropy with an L2 penalty on the weights (not the biases).
///
/// Deterministic: weights start at zero and every pass visits the samples in order, so the same
/// samples give the same model. Small by design (hundreds of samples, a few thousand features,
/// a handful of classes): the router trains one at start-up and on each reload.
///
/// ```swift
/// let model = SoftmaxRegression(samples: [[(0, 1)], [(1, 1)]], labels: [0, 1], classes: 2, features: 2)
/// model.probabilities([(0, 1)])   // [0.9…, 0.0…]
/// ```
public struct SoftmaxRegression: Sendable {
    /// One sample: (feature index, value) pairs; absent features are 0.
    public typealias Features = [(index: Int, value: Float)]

    public let classes: Int
    public let features: Int
    /// Row-major `features × classes`.
    private let weights: [Float]
    private let biases: [Float]

    /// Trains on `samples` (each label in `0..<classes`, each feature index in `0..<features`;
    /// out-of-range indices are ignored).
    public init(samples: [Features], labels: [Int], classes: Int, features: Int,
                l2: Float = 1e-3, iterations: Int = 500, learningRate: Float = 1) {
        precondition(samples.count == labels.count && classes > 0 && features >= 0)
        self.classes = classes
        self.features = features
        var w = [Float](repeating: 0, count: features * classes)
        var b = [Float](repeating: 0, count: classes)
        let clean = samples.map { $0.filter { $0.index >= 0 && $0.index < features } }
        let n = Float(max(samples.count, 1))
        var gradW = [Float](repeating: 0, count: features * classes)
        var gradB = [Float](repeating: 0, count: classes)
        var p = [Float](repeating: 0, count: classes)
        for _ in 0..<max(iterations, 0) {
            for i in gradW.indices { gradW[i] = 0 }
            for k in 0..<classes { gradB[k] = 0 }
            for (x, label) in zip(clean, labels) {
                Self.softmax(x, w, b, classes, into: &p)
                if label >= 0 && label < classes { p[label] -= 1 }
                for k in 0..<classes { gradB[k] += p[k] / n }
                for (index, value) in x {
                    let row = index * classes
                    for k in 0..<classes { gradW[row + k] += value * p[k] / n }
                }
            }
            for i in w.indices { w[i] -= learningRate * (gradW[i] + l2 * w[i]) }
            for k in 0..<classes { b[k] -= learningRate * gradB[k] }
        }
        weights = w
        biases = b
    }

    /// Class probabilities for `x` (they sum to 1).
    public func probabilities(_ x: Features) -> [Float] {
        var p = [Float](repeating: 0, count: classes)
        Self.softmax(x.filter { $0.index >= 0 && $0.index < features }, weights, biases, classes, into: &p)
        return p
    }

    private static func softmax(_ x: Features, _ w: [Float], _ b: [Float], _ classes: Int, into p: inout [Float]) {
        for k in 0..<classes { p[k] = b[k] }
        for (index, value) in x {
            let row = index * classes
            for k in 0..<classes { p[k] += value * w[row + k] }
        }
        var top = p[0]
        for k in 1..<classes where p[k] > top { top = p[k] }
        var sum: Float = 0
        for k in 0..<classes { p[k] = Float(Foundation.exp(Double(p[k] - top))); sum += p[k] }
        for k in 0..<classes { p[k] /= sum }
    }
}
