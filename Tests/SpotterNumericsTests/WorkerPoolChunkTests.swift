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
