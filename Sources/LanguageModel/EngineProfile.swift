import Foundation

/// Wall time of the forward pass by phase, collected while a `LlamaModel` profiles (the bench).
public struct EngineProfile: Sendable, Equatable {
    /// Token embedding, RMSNorm, RoPE, SwiGLU, residual adds, activation quantization, KV writes.
    public var norms: Double = 0
    /// The layers' matrix products (q, k, v, output, gate, up, down).
    public var matmul: Double = 0
    /// Attention over the KV cache.
    public var attention: Double = 0
    /// Final norm and the LM head.
    public var head: Double = 0
    /// Choosing the next token from the logits.
    public var sampling: Double = 0
    /// Jobs dispatched to the worker pool (each costs a wake-up and a join).
    public var poolJobs = 0

    public init() {}

    public var total: Double { norms + matmul + attention + head + sampling }

    /// `matmul 61% · attention 22% · norms 9% · head 7% · sampling 1%`
    /// `matmul 4.10 ms · attention 1.20 ms · …` per unit of work (`count` tokens).
    public func milliseconds(per count: Int) -> String {
        let n = Double(max(count, 1))
        return [("matmul", matmul), ("attention", attention), ("norms/rope/swiglu", norms), ("head", head), ("sampling", sampling)]
            .map { "\($0.0) " + String(format: "%.2f", $0.1 / n * 1000) + " ms" }.joined(separator: " · ")
    }

    public var shares: String {
        let t = max(total, 1e-12)
        return [("matmul", matmul), ("attention", attention), ("norms/rope/swiglu", norms), ("head", head), ("sampling", sampling)]
            .map { "\($0.0) \(Int(($0.1 / t * 100).rounded()))%" }.joined(separator: " · ")
    }
}
