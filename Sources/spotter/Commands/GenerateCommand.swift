import ArgumentParser
import Foundation
import LanguageModel

/// `spotter generate`: runs the embedded model on one user message and streams the reply to
/// the terminal, then prints token counts and speeds on standard error.
///
/// ```sh
/// spotter generate "How should I warm up for squats?"
/// spotter generate --model models/SmolLM2-135M-Instruct.Q4_1.gguf --temperature 0 -n 64 --threads 2 "Hi"
/// ```
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a reply with the embedded language model (streams to the terminal).")

    @Option(help: "Path of a GGUF model (llama or qwen2; F32, F16, Q8_0, Q4_0, Q4_1 tensors).")
    var model = "models/SmolLM2-135M-Instruct.Q4_1.gguf"

    @Option(help: "Sampling temperature; 0 is greedy.")
    var temperature: Float = 0.7

    @Option(help: "Random seed: the same seed gives the same text.")
    var seed: UInt64?

    @Option(name: .short, help: "Maximum tokens to generate.")
    var n = 256

    @Option(help: "Matmul threads.")
    var threads = 2

    @Option(help: "System message (default: the model's own default system turn).")
    var system: String?

    @Argument(help: "The user message.")
    var prompt: String

    func run() async throws {
        let started = ContinuousClock.now
        let llm = try LlamaModel(path: model, threads: threads)
        let loaded = ContinuousClock.now - started
        var messages: [ChatMessage] = []
        if let system { messages.append(.system(system)) }
        messages.append(.user(prompt))
        let options = SamplingOptions(temperature: temperature, seed: seed, maxTokens: n)
        for try await event in llm.generate(messages, options: options) {
            switch event {
            case let .text(piece):
                FileHandle.standardOutput.write(Data(piece.utf8))
            case let .finished(stats):
                let prefill = Double(stats.promptTokens) / max(stats.prefillSeconds, 1e-9)
                let decode = Double(max(stats.completionTokens - 1, 0)) / max(stats.decodeSeconds, 1e-9)
                let line = String(format: "\n\n[%@: loaded in %.2f s; prompt %d tokens at %.1f tok/s; %d tokens at %.1f tok/s; finish: %@]\n",
                                  llm.name, Double(loaded.components.seconds) + Double(loaded.components.attoseconds) * 1e-18,
                                  stats.promptTokens, prefill, stats.completionTokens, decode, stats.finishReason.rawValue)
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
    }
}
