import Testing
@testable import LanguageModel

/// The checks of one llama.cpp reference case, with the stated tolerances:
/// - step 1: top-1 equals llama.cpp's; logits of llama.cpp's top-10 ids within
///   `llamaCppTolerance` of llama.cpp;
/// - step 1: within `float32Tolerance` of the float32 numpy reference on its top-10.
///
/// Why these bounds: both engines quantize activations to 8 bits and store keys and values as
/// float16 (ours optionally as 8-bit blocks), which moves this model's logits by tenths. llama.cpp itself is 0.34–0.45 from
/// float32 on the step-1 top-10, up to 1.25 over 16 teacher-forced steps, and 1.14 from itself
/// between batch and incremental evaluation (the vectors' README). Measured here (AVX2 and
/// portable kernels): 0.18–0.59 from llama.cpp, 0.17–0.71 from float32.
/// - over 16 teacher-forced steps, argmax = llama.cpp's greedy token except at near-ties
///   (top-2 gap < 0.2).
/// - over 16 teacher-forced steps, argmax = llama.cpp's greedy token except at near-ties
///   (top-2 gap < 0.2).
enum ReferenceCheck {
    static let llamaCppTolerance = 0.75
    static let float32Tolerance = 0.9

    /// Returns the largest |ours − llama.cpp| over the step-1 top-10.
    @discardableResult
    static func check(_ model: LlamaModel, _ c: ReferenceVectors.LogitsCase, label: String) throws -> Double {
        let rows = try model.logits(for: c.prompt_ids + c.greedy16.dropLast(), lastPositions: c.greedy16.count)
        let first = rows[0]
        #expect(argmax(first) == Int(c.top10[0][0]), "\(label): top-1")
        let llamaDiff = c.top10.map { abs(Double(first[Int($0[0])]) - $0[1]) }.max()!
        #expect(llamaDiff <= llamaCppTolerance, "\(label): max |diff| vs llama.cpp top10 = \(llamaDiff)")
        let refDiff = c.top10_ref.map { abs(Double(first[Int($0[0])]) - $0[1]) }.max()!
        #expect(refDiff <= float32Tolerance, "\(label): max |diff| vs float32 top10_ref = \(refDiff)")
        for (step, (row, expected)) in zip(rows, c.greedy16).enumerated() {
            let sorted = row.sorted(by: >)
            let nearTie = sorted[0] - sorted[1] < 0.2
            #expect(argmax(row) == expected || nearTie, "\(label): step \(step)")
        }
        return llamaDiff
    }
}
