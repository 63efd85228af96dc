import ArgumentParser
import Coaching
import Foundation

/// `spotter train lstm [--out PATH] [--seed N]`: trains the next-workout LSTM on the seeded
/// synthetic data, prints progress and accuracy against the baselines, and writes the weights file
/// (format: `LSTMWeightsFile`).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train Spotter's grounding models.",
        subcommands: [TrainLSTMCommand.self])
}

struct TrainLSTMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lstm", abstract: "Train the next-workout LSTM and write its weights file.")

    @Option(help: "Where to write the weights.")
    var out: String = "models/next_workout_lstm.bin"

    @Option(help: "Seed for the synthetic data, initialisation and shuffling.")
    var seed: UInt64 = 42

    @Option(help: "Maximum epochs (early stopping usually ends sooner).")
    var epochs: Int = 100

    @Flag(help: "Observed weeks start on a random weekday (harder) instead of Monday.")
    var randomPhase = false

    func run() throws {
        print("Training next-workout LSTM (\(LSTMLayout.parameterCount) parameters) on 2,000 synthetic weekly sequences, seed \(seed)")
        let result = LSTMTrainingRun.run(seed: seed, maxEpochs: epochs, randomPhase: randomPhase) { e in
            print(String(format: "epoch %3d  loss %.4f  val_loss %.4f  val_acc %.3f  lr %.1e",
                         e.epoch, e.trainLoss, e.validationLoss, e.validationAccuracy, e.learningRate))
        }
        let url = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try LSTMWeightsFile.write(result.model, seed: seed, to: url)
        print(String(format: "accuracy  train %.3f  validation %.3f  test %.3f", result.trainAccuracy,
                     result.validationAccuracy, result.testAccuracy))
        print(String(format: "baselines on the test split: first-order Markov %.3f  majority class %.3f",
                     result.markovTestAccuracy, result.majorityTestAccuracy))
        print(String(format: "trained %d epochs in %.1f s; wrote %@", result.epochs, result.wallSeconds, url.path))
    }
}
