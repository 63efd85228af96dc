#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TextEmbedding

/// `spotter bench` section for the sentence encoder: sentences per second at batch 1 and 32.
///
/// The corpus is 64 deterministic coaching-style sentences of 8–30 tokens (queries, exercise
/// descriptions and log lines, the lengths the router and knowledge base embed). Each figure is
/// the best of three timed passes after one warm-up pass. Beside wall-clock throughput it prints
/// the process CPU time per sentence (all threads, OpenBLAS's included), which stays meaningful
/// on a machine shared with other jobs.
enum EmbeddingBench {
    static func run(modelDirectory: String) async throws {
        let loadStart = ContinuousClock.now
        let encoder = try SentenceEncoder(modelDirectory: modelDirectory)
        let loadTime = ContinuousClock.now - loadStart
        let sentences = corpus()
        let tokens = sentences.reduce(0) { $0 + encoder.tokenIDs(for: $1).count }
        print("encoder: all-MiniLM-L6-v2, load \(format(loadTime.seconds * 1000, digits: 0)) ms, "
            + "\(sentences.count) sentences, mean \(format(Double(tokens) / Double(sentences.count), digits: 1)) tokens")

        for batchSize in [1, 32] {
            let (seconds, cpuSeconds) = try bestOf(3) {
                var start = 0
                while start < sentences.count {
                    let batch = Array(sentences[start..<min(start + batchSize, sentences.count)])
                    _ = try encoder.embed(batch)
                    start += batch.count
                }
            }
            let rate = Double(sentences.count) / seconds
            print("encoder batch \(batchSize): \(format(rate, digits: 1)) sentences/s "
                + "(\(format(seconds * 1000 / Double(sentences.count), digits: 2)) ms/sentence wall, "
                + "\(format(cpuSeconds * 1000 / Double(sentences.count), digits: 2)) ms/sentence CPU)")
        }
    }

    /// Runs `body` once to warm up, then `passes` times; returns the fastest pass's wall-clock
    /// seconds and the process CPU seconds of that pass.
    private static func bestOf(_ passes: Int, _ body: () throws -> Void) throws -> (wall: Double, cpu: Double) {
        try body()
        var best = (wall: Double.infinity, cpu: Double.infinity)
        for _ in 0..<passes {
            let start = ContinuousClock.now
            let cpuStart = clock()
            try body()
            let wall = (ContinuousClock.now - start).seconds
            if wall < best.wall { best = (wall, Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)) }
        }
        return best
    }

    private static func corpus() -> [String] {
        let exercises = ["barbell back squat", "Romanian deadlift", "incline dumbbell press", "pull-up",
                         "seated cable row", "walking lunge", "overhead press", "hip thrust"]
        let templates = [
            "How many sets of %@ should I do this week?",
            "%@",
            "Is %@ safe with a sore lower back and only five hours of sleep?",
            "Today: %@ 3x8 at 80 kg, RPE 8, felt heavy on the last set.",
            "Suggest a substitute for %@ when the gym is crowded.",
            "Cues for %@: brace, control the descent, drive through the whole foot.",
            "My %@ has stalled for three weeks at the same weight, what should I change?",
            "Warm-up for %@",
        ]
        return templates.flatMap { template in exercises.map { template.replacingOccurrences(of: "%@", with: $0) } }
    }

    private static func format(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
