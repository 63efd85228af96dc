import Foundation
import LanguageModel
import SpotterNumerics

/// The embedded engine's benchmark (`spotter bench engine`, 2 matmul threads):
///
/// - prefill of 64, 512 and 2,048 tokens from an empty cache (best of runs), tokens/s;
/// - decode of 128 greedy tokens after a 64-token prompt ("short"), and of 64 tokens after a
///   2,048-token prompt ("at 2k context"), tokens/s (end-of-turn ignored: fixed work), with the
///   default float16 KV cache, and again at 2k with the optional 8-bit cache (`KVCacheFormat`);
/// - the bytes a decode step at 2k reads (weights + keys and values), whose division by the
///   machine's memory bandwidth is the floor of its time;
/// - where each run's time goes: matmul, attention, norms/RoPE/SwiGLU, head, sampling;
/// - llama.cpp on the same model, tokens and thread count in the same run
///   (`scripts/llamacpp_bench.py`, when `llama_cpp` is importable by `python3`) and the ratios
///   (ours ÷ llama.cpp speed: above 1.0 is faster), and the CPU time of all threads of each
///   (`cpu ratio`: llama.cpp's CPU time ÷ ours, above 1.0 is less work per token), which other
///   processes on the cores disturb less than wall time.
///
/// Prompts are the first N tokens of README.md (real text, the same ids for both engines).
enum EngineBench {
    struct Peer: Decodable {
        var version: String
        var system_info: String?
        var threads: Int?
        var n_batch: Int?
        var wait_policy: String?
        var prefill_seconds: [Double]
        var decode_seconds: [Double]
        var prefill_cpu_seconds: [Double]?
        var decode_cpu_seconds: [Double]?
    }

    static func run(modelPath: String, threads: Int = 2) async throws {
        print("engine bench: \(modelPath), \(threads) threads, kernels \(KernelLevel.active) (CPU supports \(KernelLevel.supported)), load average \(loadAverage())")
        let started = ContinuousClock.now
        let model = try LlamaModel(path: modelPath, threads: threads, contextLength: 4096)
        print(String(format: "load %.3f s", (ContinuousClock.now - started).benchSeconds) + ", KV cache \(model.cacheFormat.rawValue)")
        let text = try String(contentsOfFile: "README.md", encoding: .utf8)
        let corpus = model.tokenizer.encode(text + text)
        let sizes = [64, 512, 2048]
        guard corpus.count >= sizes.last! else { throw BenchError("README.md is too short for a 2,048-token prompt") }

        var prefill: [Double] = [], prefillCPU: [Double] = []
        var profile2k = EngineProfile()
        for n in sizes {
            let prompt = Array(corpus.prefix(n))
            var best = Double.infinity, bestCPU = 0.0
            for _ in 0..<(n >= 2048 ? 2 : 3) {
                let t0 = ContinuousClock.now, cpu0 = GreedyRun.processCPUSeconds()
                let p = try model.profile { _ = try model.logits(for: prompt) }
                let seconds = (ContinuousClock.now - t0).benchSeconds
                if seconds < best {
                    best = seconds
                    bestCPU = GreedyRun.processCPUSeconds() - cpu0
                    if n == 2048 { profile2k = p }
                }
            }
            prefill.append(best)
            prefillCPU.append(bestCPU)
        }
        let short = Array(corpus.prefix(64)), long = Array(corpus.prefix(2048))
        var shortRun = GreedyRun(), longRun = GreedyRun()
        let shortProfile = try model.profile { shortRun = try model.continueGreedily(short, count: 128) }
        let longProfile = try model.profile { longRun = try model.continueGreedily(long, count: 65) }
        let decodeShort = Double(shortRun.tokens.count - 1) / shortRun.decodeSeconds
        let decodeLong = Double(longRun.tokens.count - 1) / longRun.decodeSeconds
        // The same decode at 2k with the 8-bit KV cache (llama.cpp below runs float16).
        let int8Model = try LlamaModel(path: modelPath, threads: threads, contextLength: 4096,
                                       cacheBudget: KVCacheBudget(format: .int8))
        var int8Run = GreedyRun()
        let int8Profile = try int8Model.profile { int8Run = try int8Model.continueGreedily(long, count: 65) }

        let peer = runPeer(model: modelPath, threads: threads, prefill: sizes.map { Array(corpus.prefix($0)) },
                           decode: [(short, Array(shortRun.tokens.dropLast())), (long, Array(longRun.tokens.dropLast()))])
        if let peer {
            print("llama.cpp \(peer.version): \(peer.threads ?? threads) threads, n_batch \(peer.n_batch ?? 512), f16 KV, no flash attention, "
                  + "OpenMP wait policy \(peer.wait_policy ?? "default") (the faster on a probe); same tokens")
            if let info = peer.system_info { print("llama.cpp system info: \(info.trimmingCharacters(in: .whitespaces))") }
        }
        // Wall time, and CPU time of all threads (on a loaded machine, the work done rather than the
        // wait for a core; spinning counts as work).
        func row(_ name: String, tokens: Int, seconds: Double, cpu: Double, peerSeconds: Double?, peerCPU: Double?) {
            var line = name.padding(toLength: 26, withPad: " ", startingAt: 0)
                + String(format: "%8.1f tok/s (%7.1f ms, cpu %7.1f ms)", Double(tokens) / seconds, seconds * 1000, cpu * 1000)
            if let peerSeconds {
                line += String(format: "  llama.cpp %8.1f tok/s", Double(tokens) / peerSeconds)
                if let peerCPU { line += String(format: " (cpu %7.1f ms)", peerCPU * 1000) }
                line += String(format: "  ratio %.2f×", peerSeconds / seconds)
                if let peerCPU { line += String(format: ", cpu ratio %.2f×", peerCPU / cpu) }
            }
            print(line)
        }
        for (i, n) in sizes.enumerated() {
            row("prefill \(n)", tokens: n, seconds: prefill[i], cpu: prefillCPU[i], peerSeconds: peer?.prefill_seconds[i],
                peerCPU: peer?.prefill_cpu_seconds?[i])
        }
        row("decode short (64 + 127)", tokens: shortRun.tokens.count - 1, seconds: shortRun.decodeSeconds, cpu: shortRun.decodeCPUSeconds,
            peerSeconds: peer?.decode_seconds[0], peerCPU: peer?.decode_cpu_seconds?[0])
        row("decode at 2k (2048 + 64)", tokens: longRun.tokens.count - 1, seconds: longRun.decodeSeconds, cpu: longRun.decodeCPUSeconds,
            peerSeconds: peer?.decode_seconds[1], peerCPU: peer?.decode_cpu_seconds?[1])
        row("decode at 2k, q8 KV", tokens: int8Run.tokens.count - 1, seconds: int8Run.decodeSeconds, cpu: int8Run.decodeCPUSeconds,
            peerSeconds: peer?.decode_seconds[1], peerCPU: peer?.decode_cpu_seconds?[1])
        if peer == nil { print("llama.cpp: not available (pip install llama-cpp-python; see scripts/llamacpp_bench.py): no ratios") }
        print("phases, prefill 2048:  \(profile2k.shares)")
        print("phases, decode short:  \(shortProfile.shares)")
        print("   per token:          \(shortProfile.milliseconds(per: shortRun.tokens.count))")
        print("phases, decode at 2k:  \(longProfile.shares)")
        print("   per token:          \(longProfile.milliseconds(per: longRun.tokens.count))")
        print("phases, at 2k, q8 KV:  \(int8Profile.shares)")
        print("   per token:          \(int8Profile.milliseconds(per: int8Run.tokens.count))")
        let mb = { (m: LlamaModel) in Double(m.bytesPerDecodeStep(atPosition: 2048 + 32)) / 1e6 }
        print(String(format: "bytes read per decode step at 2k: %.1f MB (", mb(model)) + model.cacheFormat.rawValue
              + String(format: " KV), %.1f MB (q8 KV); weights alone %.1f MB", mb(int8Model), Double(model.bytesPerDecodeStep(atPosition: 0)) / 1e6))
        print(String(format: "decode short %.1f tok/s, at 2k %.1f tok/s (q8 KV %.1f tok/s); RSS %.1f MB", decodeShort, decodeLong,
                     Double(int8Run.tokens.count - 1) / int8Run.decodeSeconds, residentMegabytes()))
        print(String(format: "worker pool: %.2f µs per empty %d-part job on the calling thread (a decode step dispatches %.0f jobs at short context)",
                     dispatchMicroseconds(threads: threads), threads, Double(shortProfile.poolJobs) / Double(max(1, shortRun.tokens.count))))
    }

    /// Wall time of one `WorkerPool` job whose parts do nothing (the pool's own cost), mean of
    /// 20,000 back-to-back jobs, as between the matrix products of a decode step.
    static func dispatchMicroseconds(threads: Int) -> Double {
        let pool = WorkerPool(threads: threads)
        let jobs = 20_000
        let t0 = ContinuousClock.now
        for _ in 0..<jobs { pool.forEachChunk(threads, chunk: 1) { _, _ in } }
        return (ContinuousClock.now - t0).benchSeconds / Double(jobs) * 1e6
    }

    /// Runs llama.cpp through `scripts/llamacpp_bench.py`; nil when it is not available.
    static func runPeer(model: String, threads: Int, prefill: [[Int]], decode: [([Int], [Int])]) -> Peer? {
        let request: [String: Any] = [
            "model": model, "threads": threads, "context": 4096, "repeat": 2, "prefill": prefill,
            "decode": decode.map { ["prompt": $0.0, "tokens": $0.1] },
        ]
        guard let body = try? JSONSerialization.data(withJSONObject: request) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "scripts/llamacpp_bench.py"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        input.fileHandleForWriting.write(body)
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            if let text = String(data: data, encoding: .utf8), !text.isEmpty { print("llama.cpp peer: \(text.trimmingCharacters(in: .whitespacesAndNewlines))") }
            return nil
        }
        return try? JSONDecoder().decode(Peer.self, from: data)
    }

    struct BenchError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
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
