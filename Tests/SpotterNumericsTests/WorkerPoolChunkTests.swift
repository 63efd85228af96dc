import Foundation
import Testing
@testable import SpotterNumerics

@Suite struct WorkerPoolChunkTests {
    /// Every chunk runs exactly once, and no two chunks run at once with the same participant
    /// index (the contract that makes per-participant scratch space safe).
    @Test func forEachChunk_coversEveryIndexOnce_participantsNeverOverlap() {
        let pool = WorkerPool(threads: 2)
        for (count, chunk) in [(1, 4), (7, 4), (960, 32), (3072, 48), (10_000, 1)] {
            var hits = [Int](repeating: 0, count: count)
            var busy = [Int](repeating: 0, count: pool.threads)
            var overlapped = false
            hits.withUnsafeMutableBufferPointer { buffer in
                busy.withUnsafeMutableBufferPointer { flags in
                    let base = buffer.baseAddress!, inUse = flags.baseAddress!
                    for _ in 0..<20 {
                        pool.forEachChunk(count, chunk: chunk) { range, participant in
                            precondition(participant < 2)
                            if inUse[participant] != 0 { overlapped = true }
                            inUse[participant] = 1
                            for i in range { base[i] += 1 }
                            inUse[participant] = 0
                        }
                    }
                }
            }
            #expect(hits.allSatisfy { $0 == 20 }, "count \(count)")
            #expect(!overlapped)
        }
    }
}

@Suite struct AttentionTests {
    /// The C attention kernels equal the Swift float kernels to float rounding (summation order
    /// may differ), with a cache row stride wider than the head.
    @Test func scoresAndMix_equalVectorKernels() {
        let d = 64, stride = 192, count = 37
        let keys = (0..<count * stride).map { Float(sin(Double($0) * 0.37)) }
        let values = (0..<count * stride).map { Float(cos(Double($0) * 0.11)) }
        let query = (0..<d).map { Float(sin(Double($0) * 1.3)) * 2 }
        var scores = [Float](repeating: 0, count: count), out = [Float](repeating: .nan, count: d)
        var expectedScores = scores, expectedOut = [Float](repeating: 0, count: d)
        keys.withUnsafeBufferPointer { k in values.withUnsafeBufferPointer { v in
            let kb = k.baseAddress! + 64, vb = v.baseAddress! + 64
            Attention.scores(query, keys: kb, stride: stride, count: count, dimension: d, scale: 0.125, into: &scores)
            Attention.mix(vb, stride: stride, count: count, dimension: d, weights: scores, into: &out)
            for p in 0..<count { expectedScores[p] = Vector.dot(query, kb + p * stride, count: d) * 0.125 }
            for p in 0..<count { Vector.addScaled(vb + p * stride, expectedScores[p], into: &expectedOut, count: d) }
        } }
        let tolerance: Float = 1e-5
        #expect(zip(scores, expectedScores).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) })
        #expect(zip(out, expectedOut).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) })
    }
}
