import Foundation

/// Trains `NextWorkoutLSTM`: Adam (lr 1e-3), batch 64, up to 100 epochs, early stopping on
/// validation loss (patience 10, best weights restored) and learning-rate reduction on plateau
/// (patience 5, ×0.5, floor 1e-5).
public struct LSTMTrainer: Sendable {
    public var learningRate = 1e-3
    public var batchSize = 64
    public var maxEpochs = 100
    public var earlyStoppingPatience = 10
    public var plateauPatience = 5
    public var plateauFactor = 0.5
    public var minLearningRate = 1e-5
    public var seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// One epoch's figures.
    public struct EpochReport: Sendable {
        public var epoch: Int, trainLoss: Double, validationLoss: Double, validationAccuracy: Double, learningRate: Double
    }

    /// Trains from a fresh seeded initialisation; `progress` sees every epoch.
    public func train(training: [WorkoutSequenceExample], validation: [WorkoutSequenceExample],
                      progress: (EpochReport) -> Void = { _ in }) -> NextWorkoutLSTM {
        var model = NextWorkoutLSTM(seed: seed)
        var rng = SplitMix64(seed: seed ^ 0xD1B5_4A32_D192_ED03)
        let n = model.parameters.count
        var m = [Double](repeating: 0, count: n), v = [Double](repeating: 0, count: n)
        let beta1 = 0.9, beta2 = 0.999, eps = 1e-7
        var step = 0
        var lr = learningRate
        var best = model, bestLoss = Double.infinity, sinceBest = 0, sinceLRDrop = 0
        var order = Array(training.indices)
        for epoch in 1...maxEpochs {
            order.shuffle(using: &rng)
            var trainLoss = 0.0
            var start = 0
            while start < order.count {
                let batch = order[start..<min(start + batchSize, order.count)].map { training[$0] }
                start += batchSize
                var grad: [Double]? = [Double](repeating: 0, count: n)
                var dropRng: SplitMix64? = SplitMix64(seed: rng.next())
                trainLoss += model.loss(batch[...], gradient: &grad, rng: &dropRng) * Double(batch.count)
                step += 1
                let c1 = 1 - pow(beta1, Double(step)), c2 = 1 - pow(beta2, Double(step))
                grad!.withUnsafeBufferPointer { g in
                    model.parameters.withUnsafeMutableBufferPointer { p in
                        for i in 0..<n {
                            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
                            p[i] -= lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
                        }
                    }
                }
            }
            var none: [Double]? = nil, noRng: SplitMix64? = nil
            let valLoss = model.loss(validation[...], gradient: &none, rng: &noRng)
            progress(EpochReport(epoch: epoch, trainLoss: trainLoss / Double(training.count), validationLoss: valLoss,
                                 validationAccuracy: model.accuracy(validation), learningRate: lr))
            if valLoss < bestLoss - 1e-4 {
                bestLoss = valLoss; best = model; sinceBest = 0; sinceLRDrop = 0
            } else {
                sinceBest += 1; sinceLRDrop += 1
                if sinceBest >= earlyStoppingPatience { break }
                if sinceLRDrop >= plateauPatience { lr = max(minLearningRate, lr * plateauFactor); sinceLRDrop = 0 }
            }
        }
        return best
    }
}

extension NextWorkoutLSTM {
    /// The most probable next workout.
    public func predictClass(days: [Int], features: [Double]) -> Int {
        let p = predict(days: days, features: features)
        return p.indices.max { p[$0] < p[$1] }!
    }

    /// Share of examples whose most probable class is the label.
    public func accuracy(_ data: [WorkoutSequenceExample]) -> Double {
        Double(data.filter { predictClass(days: $0.days, features: $0.features) == $0.next }.count) / Double(max(1, data.count))
    }
}

/// The standard split: the last 20% of the generated examples is the test set; of the rest, the
/// last 20% is validation (as Keras' `validation_split`), the remainder training.
public struct WorkoutSequenceSplit: Sendable {
    public var training: [WorkoutSequenceExample], validation: [WorkoutSequenceExample], test: [WorkoutSequenceExample]
    public init(_ all: [WorkoutSequenceExample]) {
        let testStart = all.count - all.count / 5
        let rest = Array(all[..<testStart])
        let valStart = rest.count - rest.count / 5
        training = Array(rest[..<valStart]); validation = Array(rest[valStart...]); test = Array(all[testStart...])
    }
}
