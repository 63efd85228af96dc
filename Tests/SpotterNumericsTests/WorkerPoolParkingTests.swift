import Foundation
import Testing
@testable import SpotterNumerics

@Suite struct WorkerPoolParkingTests {
    /// After a job, workers spin for `spinNanoseconds` (tens of µs, measured by the clock, not
    /// by a poll count) and then park on their semaphore: an idle pool costs no CPU.
    @Test func workers_afterIdle_parkInsteadOfSpinning() {
        #expect(WorkerPool.spinNanosecondsForTests <= 200_000)
        let pool = WorkerPool(threads: 3)
        var sum = [Int](repeating: 0, count: 64)
        sum.withUnsafeMutableBufferPointer { b in
            let base = b.baseAddress!
            pool.forEachChunk(64, chunk: 1) { range, _ in for i in range { base[i] += i } }
        }
        #expect(sum.enumerated().allSatisfy { $0.element == $0.offset })
        // Generous deadline: on a loaded machine a worker may wait long for a time slice.
        let deadline = Date().addingTimeInterval(5)
        while pool.parkedWorkers < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        #expect(pool.parkedWorkers == 2)
        // Parked workers still take the next job.
        sum.withUnsafeMutableBufferPointer { b in
            let base = b.baseAddress!
            pool.forEachChunk(64, chunk: 1) { range, _ in for i in range { base[i] += i } }
        }
        #expect(sum.enumerated().allSatisfy { $0.element == 2 * $0.offset })
    }
}
