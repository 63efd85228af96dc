import Testing
@testable import SpotterNumerics

@Suite struct SoftmaxRegressionTests {
    /// Three classes, each marked by its own feature plus a shared noisy one.
    static let samples: [SoftmaxRegression.Features] = (0..<30).map { i in [(index: i % 3, value: 1), (index: 3, value: Float(i % 5) / 5)] }
    static let labels = (0..<30).map { $0 % 3 }

    @Test func learnsSeparableClasses_andGivesProbabilitiesThatSumToOne() {
        let model = SoftmaxRegression(samples: Self.samples, labels: Self.labels, classes: 3, features: 4)
        for k in 0..<3 {
            let p = model.probabilities([(index: k, value: 1)])
            #expect(abs(p.reduce(0, +) - 1) < 1e-5)
            #expect(p.firstIndex(of: p.max()!) == k)
            #expect(p[k] > 0.8, "class \(k): \(p)")
        }
    }

    @Test func sameSamples_giveTheSameModel() {
        let a = SoftmaxRegression(samples: Self.samples, labels: Self.labels, classes: 3, features: 4)
        let b = SoftmaxRegression(samples: Self.samples, labels: Self.labels, classes: 3, features: 4)
        #expect(a.probabilities([(index: 3, value: 0.4)]) == b.probabilities([(index: 3, value: 0.4)]))
    }

    @Test func noTraining_isUniform_andOutOfRangeFeaturesAreIgnored() {
        let model = SoftmaxRegression(samples: Self.samples, labels: Self.labels, classes: 3, features: 4, iterations: 0)
        #expect(model.probabilities([(index: 0, value: 1)]).allSatisfy { abs($0 - 1.0 / 3) < 1e-6 })
        let trained = SoftmaxRegression(samples: Self.samples, labels: Self.labels, classes: 3, features: 4)
        #expect(trained.probabilities([(index: 0, value: 1), (index: 99, value: 5), (index: -1, value: 5)])
                == trained.probabilities([(index: 0, value: 1)]))
    }

    /// The stronger the L2 penalty, the less confident the model.
    @Test func l2Penalty_shrinksConfidence() {
        let loose = SoftmaxRegression(samples: Self.samples, labels: Self.labels, classes: 3, features: 4, l2: 1e-4)
        let tight = SoftmaxRegression(samples: Self.samples, labels: Self.labels, classes: 3, features: 4, l2: 0.5)
        #expect(tight.probabilities([(index: 1, value: 1)])[1] < loose.probabilities([(index: 1, value: 1)])[1])
    }
}
