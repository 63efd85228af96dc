import Foundation
import LanguageModel

/// The embedded engine's benchmark (`make bench`): load time, resident memory, prefill speed
/// on a ~60-token chat prompt and decode speed over 128 tokens, with 1 and 2 matmul threads.
/// Decode is measured with greedy sampling and no end-of-turn stop: 128 tokens, 127 forward passes.
enum EngineBench {
    static func run(modelPath: String) async throws {
        let messages: [ChatMessage] = [
            .user("I benched 185 lb for 5 reps, slept 8 hours, soreness 2/10. What should I do next session?"),
        ]
        print("engine bench: \(modelPath) (load average \(loadAverage()))")
        for threads in [1, 2] {
            let started = ContinuousClock.now
            let model = try LlamaModel(path: modelPath, threads: threads)
            let load = (ContinuousClock.now - started).benchSeconds
            let prompt = model.promptTokens(for: messages)

            // Prefill: best of 3 single-batch evaluations of the prompt.
            var prefill = Double.infinity
            for _ in 0..<3 {
                let t0 = ContinuousClock.now
                _ = try model.logits(for: prompt)
                prefill = min(prefill, (ContinuousClock.now - t0).benchSeconds)
            }

            // Decode: 128 greedy tokens after a fresh prefill, ignoring end of turn.
            let cpu0 = cpuSeconds()
            let run = try model.continueGreedily(prompt, count: 128)
            let cpuPerToken = (cpuSeconds() - cpu0) / 127 * 1000
            let produced = run.tokens.count - 1   // the first token comes from the prefill logits
            let decodeSeconds = run.decodeSeconds
            let rss = residentMegabytes()
            print(String(format: "threads=%d  load %.3f s  RSS %.1f MB  prefill %d tokens %.1f tok/s  decode %d tokens %.1f tok/s (%.2f ms CPU/token)",
                         threads, load, rss, prompt.count, Double(prompt.count) / prefill, produced,
                         Double(produced) / max(decodeSeconds, 1e-9), cpuPerToken))
        }
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
    }

    /// User + system CPU time of the process (all threads), to read speeds on a busy machine.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
    }

    /// VmRSS from /proc/self/status, in MB (0 where unavailable).
    static func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}

extension Duration {
    fileprivate var benchSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
