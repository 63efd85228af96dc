import Testing
@testable import LanguageModel
import SpotterNumerics

/// The whole model on every kernel level this machine runs (portable included): the llama.cpp
/// reference cases with the same tolerances, and decode equal to prefill bit for bit.
/// Serialized: it switches the process-wide kernel level.
@Suite(.serialized) struct KernelLevelModelTests {
    @Test(arguments: KernelLevel.runnable)
    func referenceCases_onLevel_matchLlamaCpp(level: KernelLevel) throws {
        let model = try RepositoryFiles.loadModel()
        KernelLevel.limit(to: level)
        defer { KernelLevel.limit(to: nil) }
        for (i, c) in ReferenceVectors.shared.logits.enumerated() {
            try ReferenceCheck.check(model, c, label: "\(level) case \(i)")
        }
        let c = ReferenceVectors.shared.logits[1]
        let ids = Array((c.prompt_ids + c.greedy16).prefix(40))
        let batch = try model.logits(for: ids, lastPositions: 8)
        let incremental = Array(try model.incrementalLogits(for: ids).suffix(8))
        #expect(batch == incremental, "\(level): decode differs from prefill")
    }
}
