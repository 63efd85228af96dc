import Dispatch
import Foundation
import Synchronization

/// A fixed set of persistent worker threads that run one data-parallel job at a time, for
/// kernels that split rows over cores (quantized matrix products).
///
/// A transformer decode step dispatches ~200 short jobs (tens of microseconds each), so a
/// semaphore wake-up per job would cost as much as the work. Workers therefore spin on a
/// generation counter for a short while after each job and only then sleep on a semaphore.
/// The calling thread runs part 0 itself, so `threads == 1` creates no thread at all.
///
/// `run(_:)` must not be called concurrently from several threads; its owner (one model
/// context) serialises calls. The pool never touches Swift's cooperative thread pool.
public final class WorkerPool: Sendable {
    /// Parts per job: the workers plus the calling thread.
    public let threads: Int
    private let shared: Shared

    /// Starts `threads − 1` worker threads; they end when the pool is released.
    public init(threads: Int) {
        precondition(threads >= 1, "a worker pool needs at least one thread")
        self.threads = threads
        shared = Shared(workers: threads - 1)
        for (index, worker) in shared.workers.enumerated() {
            let shared = self.shared
            let thread = Thread { shared.workerLoop(part: index + 1, worker: worker) }
            thread.name = "spotter-matmul-\(index + 1)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    deinit { shared.stop() }

    /// Runs `body(part)` for every `part` in `0..<threads`, in parallel, and returns when all
    /// parts are done. Part 0 runs on the calling thread.
    public func run(_ body: (Int) -> Void) {
        shared.run(body)
    }

    /// Splits `0..<count` into `threads` contiguous ranges (multiples of `granularity`) and runs
    /// `body(range, part)` for each in parallel (`part` indexes per-thread scratch space).
    public func parallelFor(_ count: Int, granularity: Int = 1, _ body: (Range<Int>, Int) -> Void) {
        if threads == 1 || count <= granularity { body(0..<count, 0); return }
        let threads = self.threads
        run { part in
            let range = Self.split(count, part: part, of: threads, granularity: granularity)
            if !range.isEmpty { body(range, part) }
        }
    }

    /// Part `part` of `0..<count` cut into `parts` contiguous ranges whose bounds are multiples
    /// of `granularity` (except the end).
    @inlinable
    public static func split(_ count: Int, part: Int, of parts: Int, granularity: Int = 1) -> Range<Int> {
        let units = (count + granularity - 1) / granularity
        let lo = min(count, units * part / parts * granularity)
        let hi = min(count, units * (part + 1) / parts * granularity)
        return lo..<max(lo, hi)
    }
}

/// The state the worker threads share with the pool (kept alive by the threads themselves).
private final class Shared: @unchecked Sendable {
    final class Worker: Sendable {
        let sleeping = Atomic<Bool>(false)
        let wake = DispatchSemaphore(value: 0)
    }

    let workers: [Worker]
    private let generation = Atomic<Int>(0)
    private let remaining = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    /// The current job, written before `generation` is bumped and read after it.
    private var job: ((Int) -> Void)?

    /// Spins before a worker goes to sleep (about 50–100 µs).
    private static let spinLimit = 20_000

    init(workers count: Int) {
        workers = (0..<count).map { _ in Worker() }
    }

    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        generation.add(1, ordering: .sequentiallyConsistent)
        wakeSleepers()
    }

    private func wakeSleepers() {
        for worker in workers where worker.sleeping.exchange(false, ordering: .sequentiallyConsistent) {
            worker.wake.signal()
        }
    }

    func run(_ body: (Int) -> Void) {
        if workers.isEmpty { body(0); return }
        withoutActuallyEscaping(body) { escapable in
            job = escapable
            remaining.store(workers.count, ordering: .sequentiallyConsistent)
            generation.add(1, ordering: .sequentiallyConsistent)
            wakeSleepers()
            escapable(0)
            var spins = 0
            while remaining.load(ordering: .acquiring) > 0 {
                spins += 1
                if spins > Self.spinLimit { sched_yield() }   // an oversubscribed machine: let the worker run
            }
            job = nil
        }
    }

    func workerLoop(part: Int, worker: Worker) {
        var seen = 0
        while true {
            var spins = 0
            while generation.load(ordering: .acquiring) == seen {
                spins += 1
                if spins < Self.spinLimit { continue }
                worker.sleeping.store(true, ordering: .sequentiallyConsistent)
                if generation.load(ordering: .sequentiallyConsistent) != seen {
                    // A job arrived meanwhile. If the dispatcher already cleared our flag, it
                    // also signalled: consume that signal.
                    if !worker.sleeping.exchange(false, ordering: .sequentiallyConsistent) { worker.wake.wait() }
                    break
                }
                worker.wake.wait()
                spins = 0
            }
            seen = generation.load(ordering: .acquiring)
            if stopping.load(ordering: .acquiring) { return }
            job?(part)
            remaining.subtract(1, ordering: .releasing)
        }
    }
}
