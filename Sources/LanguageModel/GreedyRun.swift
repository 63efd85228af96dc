import Foundation

/// The result of `LlamaModel.continueGreedily` (benchmarks and tests).
public struct GreedyRun: Sendable {
    /// The generated tokens (`count` of them; the last one was not evaluated).
    public var tokens: [Int]
    /// Wall time of the prompt's prefill.
    public var prefillSeconds: Double
    /// Wall time of the decode steps (every generated token but the last evaluated one by one).
    public var decodeSeconds: Double
    /// CPU time of the whole process (all threads) during the decode steps: on a loaded machine
    /// it counts the work done rather than the time spent waiting for a core.
    public var decodeCPUSeconds: Double

    public init(tokens: [Int] = [], prefillSeconds: Double = 0, decodeSeconds: Double = 0, decodeCPUSeconds: Double = 0) {
        self.tokens = tokens
        self.prefillSeconds = prefillSeconds
        self.decodeSeconds = decodeSeconds
        self.decodeCPUSeconds = decodeCPUSeconds
    }

    /// CPU seconds used by this process so far (all threads).
    public static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
