import Foundation

/// The benchmark sections of the capability engines. Paths are relative to the repository root
/// (`make bench` runs from there).
extension BenchSection {
    static let engine = BenchSection(name: "engine", summary: "embedded LLM: prefill 64/512/2048, decode short and at 2k, phases, llama.cpp ratios") { _ in
        try await EngineBench.run(modelPath: "models/SmolLM2-135M-Instruct.Q4_1.gguf")
    }
    static let embedding = BenchSection(name: "embedding", summary: "sentence encoder sentences/s, batch 1 and 32") { _ in
        try await EmbeddingBench.run(modelDirectory: "models/all-MiniLM-L6-v2")
    }
    static let knowledge = BenchSection(name: "knowledge", summary: "index build, free-exercise-db import, search p50/p99 over 1,000+ documents") { options in
        try await KnowledgeBench.run(queries: min(options.requests, 500))
    }
    static let coaching = BenchSection(name: "coaching", summary: "overload p99, recommendations p99, LSTM inference and training time") { _ in
        try await CoachingBench.run()
    }
    static let chat = BenchSection(name: "chat", summary: "chat through the socket: daemon overhead p50/p99, time to first token, tokens/s") { options in
        try await ChatBench.run(requests: min(options.requests, 30), streamed: 6)
    }
    static let tracker = BenchSection(name: "tracker", summary: "OCR latency per image and field-level F1 on the fixture set") { _ in
        try await TrackerBench.run()
    }
}
