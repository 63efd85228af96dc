import Foundation

/// Inference over a trained next-workout LSTM, in the app's terms.
public struct NextWorkoutPredictor: Sendable {
    public let model: NextWorkoutLSTM

    public init(model: NextWorkoutLSTM) { self.model = model }

    /// Loads the weights file written by `spotter train lstm`.
    public init(weightsAt url: URL) throws { model = try LSTMWeightsFile.read(from: url) }

    /// Loads the weights at `url`, or, when the file is missing, trains on the synthetic data
    /// (about a minute on 2 cores; blocking — call it off the cooperative pool) and writes it there.
    public static func loadOrTrain(at url: URL, seed: UInt64 = 42) throws -> NextWorkoutPredictor {
        if FileManager.default.fileExists(atPath: url.path) { return try NextWorkoutPredictor(weightsAt: url) }
        let run = LSTMTrainingRun.run(seed: seed)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try LSTMWeightsFile.write(run.model, seed: seed, to: url)
        return NextWorkoutPredictor(model: run.model)
    }

    /// The model's 3 user features: age/100, level/2, goal/2 (goal 0 weight loss — also endurance,
    /// 1 muscle gain — also strength, 2 general fitness).
    public static func features(age: Int, level: ExperienceLevel, goal: TrainingGoal) -> [Double] {
        let g: Int = switch goal {
        case .weightLoss, .endurance: 0
        case .hypertrophy, .strength: 1
        case .generalFitness: 2
        }
        return [Double(age) / 100, Double(level.rawValue) / 2, Double(g) / 2]
    }

    /// Next-day probabilities for the last 6 days (oldest first; shorter histories are padded with
    /// rest at the front), most probable first.
    public func predict(lastDays: [WorkoutType], age: Int, level: ExperienceLevel, goal: TrainingGoal) -> [(type: WorkoutType, probability: Double)] {
        let days = Array((Array(repeating: WorkoutType.rest, count: 6) + lastDays).suffix(6)).map(\.rawValue)
        let p = model.predict(days: days, features: Self.features(age: age, level: level, goal: goal))
        return p.enumerated().map { (WorkoutType(rawValue: $0.offset)!, $0.element) }.sorted { $0.probability > $1.probability }
    }
}

/// One full training run on the synthetic data, with the figures `spotter train lstm` prints.
public struct LSTMTrainingRun: Sendable {
    public var model: NextWorkoutLSTM
    public var seed: UInt64
    public var epochs: Int
    public var trainAccuracy: Double, validationAccuracy: Double, testAccuracy: Double
    public var markovTestAccuracy: Double, majorityTestAccuracy: Double
    public var wallSeconds: Double

    /// Generates 2,000 examples with `seed`, splits 64/16/20 (train/validation/test), trains, evaluates.
    public static func run(seed: UInt64, count: Int = 2000, maxEpochs: Int = 100, randomPhase: Bool = false,
                           progress: (LSTMTrainer.EpochReport) -> Void = { _ in }) -> LSTMTrainingRun {
        let clock = ContinuousClock()
        let start = clock.now
        let split = WorkoutSequenceSplit(WorkoutSequenceGenerator(seed: seed, randomPhase: randomPhase).generate(count: count))
        var trainer = LSTMTrainer(seed: seed)
        trainer.maxEpochs = maxEpochs
        var epochs = 0
        let model = trainer.train(training: split.training, validation: split.validation) { epochs = $0.epoch; progress($0) }
        let baseline = MarkovBaseline(training: split.training)
        let elapsed = clock.now - start
        return LSTMTrainingRun(
            model: model, seed: seed, epochs: epochs,
            trainAccuracy: model.accuracy(split.training), validationAccuracy: model.accuracy(split.validation),
            testAccuracy: model.accuracy(split.test), markovTestAccuracy: baseline.markovAccuracy(split.test),
            majorityTestAccuracy: baseline.majorityAccuracy(split.test),
            wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
}
