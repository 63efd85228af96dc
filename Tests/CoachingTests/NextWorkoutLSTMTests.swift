import Foundation
import Testing
@testable import Coaching

@Suite struct NextWorkoutLSTMTests {
    @Test func parameterCount_is41975() {
        #expect(LSTMLayout.parameterCount == 41_975)
        #expect(NextWorkoutLSTM(seed: 1).parameters.count == 41_975)
    }

    @Test func predict_returnsAProbabilityDistribution() {
        let p = NextWorkoutLSTM(seed: 7).predict(days: [1, 0, 2, 0, 1, 0], features: [0.3, 0.5, 0])
        #expect(p.count == 7)
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
        #expect(p.allSatisfy { $0 > 0 })
    }

    /// Backward pass (BPTT through all three LSTMs, dense layers, embedding) against central finite
    /// differences on a tiny batch, dropout off. Tolerance: relative error < 1e-5 (Double, h = 1e-5).
    @Test func gradient_matchesFiniteDifferences() {
        var model = NextWorkoutLSTM(seed: 42)
        let batch = Array(WorkoutSequenceGenerator(seed: 3).generate(count: 3))[...]
        var grad: [Double]? = [Double](repeating: 0, count: model.parameters.count)
        var noRng: SplitMix64? = nil
        _ = model.loss(batch, gradient: &grad, rng: &noRng)
        var rng = SplitMix64(seed: 9)
        var checked = 0, significant = 0, worst = 0.0
        for (k, t) in LSTMLayout.tensors.enumerated() {
            let size = t.rows * t.cols
            // The embedding rows used by the batch, plus random entries of every tensor.
            var indices = (0..<6).map { _ in Int(rng.next() % UInt64(size)) }
            if t.name == "embedding" { indices += [batch.first!.days[0] * 16, batch.first!.days[5] * 16 + 3] }
            for i in indices {
                let idx = LSTMLayout.offsets[k] + i
                let h = 1e-5, saved = model.parameters[idx]
                var none: [Double]? = nil
                model.parameters[idx] = saved + h
                let up = model.loss(batch, gradient: &none, rng: &noRng)
                model.parameters[idx] = saved - h
                let down = model.loss(batch, gradient: &none, rng: &noRng)
                model.parameters[idx] = saved
                let numeric = (up - down) / (2 * h), analytic = grad![idx]
                let err = abs(numeric - analytic) / max(1e-7, abs(numeric) + abs(analytic))
                if abs(numeric) + abs(analytic) > 1e-6 { significant += 1; worst = max(worst, err) }
                #expect(abs(numeric - analytic) < 1e-9 || err < 1e-5, "\(t.name)[\(i)]: analytic \(analytic), numeric \(numeric)")
                checked += 1
            }
        }
        #expect(checked >= 6 * LSTMLayout.tensors.count)
        // Most checked entries must carry real gradient, or the comparison proves nothing.
        #expect(significant * 2 > checked)
        print("LSTM gradient check: \(checked) parameters (\(significant) with |grad| > 1e-6), worst relative error \(worst)")
    }

    /// A few epochs on a small sample (seconds, not minutes): Adam must lower the validation loss
    /// and beat the majority class; the full run's accuracy is printed by `spotter train lstm`.
    @Test func training_fewEpochs_lowersLossAndBeatsMajority() {
        let split = WorkoutSequenceSplit(WorkoutSequenceGenerator(seed: 1).generate(count: 400))
        var trainer = LSTMTrainer(seed: 1)
        trainer.maxEpochs = 12
        var losses: [Double] = []
        let model = trainer.train(training: split.training, validation: split.validation) { losses.append($0.validationLoss) }
        #expect(losses.count == 12)
        #expect(losses.last! < losses.first! - 0.1)
        let baseline = MarkovBaseline(training: split.training)
        #expect(model.accuracy(split.validation) > baseline.majorityAccuracy(split.validation))
    }

    @Test func weightsFile_roundTripsThroughFloat32() throws {
        let model = NextWorkoutLSTM(seed: 5)
        let data = LSTMWeightsFile.encode(model, seed: 5)
        #expect(data.count == 20 + 4 * 41_975)
        let (back, seed) = try LSTMWeightsFile.decode(data)
        #expect(seed == 5)
        for (a, b) in zip(model.parameters, back.parameters) { #expect(abs(a - b) <= abs(a) * 1e-7 + 1e-12) }
        #expect(throws: CoachingError.self) { try LSTMWeightsFile.decode(data.prefix(100)) }
    }

    @Test func generator_isSeededAndWeeklyWindowsIdentifyTheirPhase() {
        let a = WorkoutSequenceGenerator(seed: 11).generate(count: 200)
        #expect(a == WorkoutSequenceGenerator(seed: 11).generate(count: 200))
        #expect(a != WorkoutSequenceGenerator(seed: 12).generate(count: 200))
        // Every noise-free 6-day window of every week determines its 7th day.
        for level in 0..<3 { for goal in 0..<3 { for age in [25, 55, 65] {
            let w = WorkoutSequenceGenerator.week(level: level, goal: goal, age: age)
            var seen: [[WorkoutType]: WorkoutType] = [:]
            for s in 0..<7 {
                let window = (0..<6).map { w[(s + $0) % 7] }
                let next = w[(s + 6) % 7]
                #expect(seen[window] == nil || seen[window] == next)
                seen[window] = next
            }
        }}}
    }
}

@Suite struct NextWorkoutPredictorTests {
    @Test func predictor_loadsAWrittenWeightsFileAndRanksAllSevenTypes() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spotter-lstm-\(UInt32.random(in: 0...UInt32.max)).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        let model = NextWorkoutLSTM(seed: 3)
        try LSTMWeightsFile.write(model, seed: 3, to: url)
        let predictor = try NextWorkoutPredictor.loadOrTrain(at: url)   // present: loads, no training
        let ranked = predictor.predict(lastDays: [.strength, .rest, .strength], age: 40, level: .beginner, goal: .hypertrophy)
        #expect(ranked.count == 7 && Set(ranked.map(\.type)).count == 7)
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $0.probability >= $1.probability })
        let direct = model.predict(days: [0, 0, 0, 2, 0, 2], features: [0.4, 0, 0.5])
        #expect(abs(ranked[0].probability - direct.max()!) < 1e-5)
    }
}
