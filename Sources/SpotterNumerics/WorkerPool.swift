import CQuantKernels
import Dispatch
import Foundation
import Synchronization

/// A fixed set of persistent worker threads that run one data-parallel job at a time, for
/// kernels that split rows over cores (quantized matrix products).
///
/// A transformer decode step dispatches ~150 short jobs (tens of microseconds each), so a
/// semaphore wake-up per job would cost as much as the work. Workers therefore spin on the job
/// state for a short *time* after each job (`spinNanoseconds`, tens of microseconds: it covers
/// the serial work between two matrix products, whatever the CPU's polling speed) and then park
/// on a semaphore, so an idle daemon uses no CPU.
///
/// Work is claimed dynamically: a job is cut into chunks and every participant (the calling
/// thread and the workers that are awake) takes the next chunk from an atomic counter until
/// none is left. The calling thread never waits for a worker that has not started: on a busy
/// machine where the worker is descheduled, the caller simply does all the chunks itself and
/// waits only for chunks a worker has already claimed. `threads == 1` creates no thread.
///
/// Calls must not overlap (one model context serialises them). The pool never touches Swift's
/// cooperative thread pool.
public final class WorkerPool: Sendable {
    /// Participants per job: the workers plus the calling thread.
    public let threads: Int
    private let shared: Shared

    /// Starts `threads − 1` worker threads; they end when the pool is released.
    public init(threads: Int) {
        precondition(threads >= 1, "a worker pool needs at least one thread")
        self.threads = threads
        shared = Shared(workers: threads - 1)
        for (index, worker) in shared.workers.enumerated() {
            let shared = self.shared
            let thread = Thread { shared.workerLoop(participant: index + 1, worker: worker) }
            thread.name = "spotter-matmul-\(index + 1)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    deinit { shared.stop() }

    /// How long workers poll before they park (see the type's documentation).
    static var spinNanosecondsForTests: UInt64 { Shared.spinNanoseconds }

    /// Jobs run on the workers so far (those small enough to run inline are not counted).
    public var jobsDispatched: Int { shared.jobs.load(ordering: .relaxed) }

    /// Workers parked on their semaphore now (tests).
    var parkedWorkers: Int { shared.workers.filter { $0.sleeping.load(ordering: .relaxed) }.count }

    /// Cuts `0..<count` into chunks of `chunk` (the last may be shorter) and runs
    /// `body(range, participant)` once per chunk, in parallel; returns when all are done.
    /// `participant` (`0..<threads`, 0 for the calling thread) indexes per-thread scratch space:
    /// no two chunks run at the same time with the same participant.
    public func forEachChunk(_ count: Int, chunk: Int, _ body: (Range<Int>, Int) -> Void) {
        guard count > 0 else { return }
        let chunk = max(1, chunk)
        if threads == 1 || count <= chunk { body(0..<count, 0); return }
        shared.run(count: count, chunk: chunk, body)
    }

    /// Runs `body(part)` for every `part` in `0..<threads`, in parallel, and returns when all
    /// parts are done. Parts are claimed like chunks: a busy worker's part may run on the
    /// calling thread, so `part` (not the thread) must index any scratch space.
    public func run(_ body: (Int) -> Void) {
        if threads == 1 { body(0); return }
        shared.run(count: threads, chunk: 1) { range, _ in body(range.lowerBound) }
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
///
/// `state` packs a job generation (bits 8…), an "open" flag (bit 7) and the number of workers
/// inside the current job (bits 0–6). A worker enters only by a compare-exchange that sees the
/// job open, so once the caller has closed the job and seen no worker inside, no worker can
/// still touch it and the caller may return (the closure's captures end their lifetime).
private final class Shared: @unchecked Sendable {
    final class Worker: Sendable {
        let sleeping = Atomic<Bool>(false)
        let wake = DispatchSemaphore(value: 0)
    }

    let workers: [Worker]
    private let state = Atomic<Int>(0)
    private let nextChunk = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    /// Jobs dispatched (`WorkerPool.jobsDispatched`).
    let jobs = Atomic<Int>(0)
    /// The current job, written before the job is opened and read by workers once inside.
    private var job: ((Range<Int>, Int) -> Void)?
    private var count = 0
    private var chunk = 1

    private static let open = 1 << 7
    private static let insideMask = (1 << 7) - 1
    /// How long a worker polls for the next job before it parks (and how long the caller
    /// polls for workers before it yields its time slice).
    static let spinNanoseconds: UInt64 = 50_000
    /// Polls between two clock reads.
    private static let pollsPerClockRead = 64

    @inline(__always) private static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec)
    }

    init(workers count: Int) {
        precondition(count < Self.insideMask, "too many workers")
        workers = (0..<count).map { _ in Worker() }
    }

    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        state.wrappingAdd(1 << 8, ordering: .sequentiallyConsistent)
        wakeSleepers()
    }

    private func wakeSleepers() {
        for worker in workers where worker.sleeping.exchange(false, ordering: .sequentiallyConsistent) {
            worker.wake.signal()
        }
    }

    /// Claims and runs chunks until none is left.
    private func work(participant: Int) {
        guard let job else { return }
        let chunks = (count + chunk - 1) / chunk
        while true {
            let i = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
            if i >= chunks { return }
            job(i * chunk..<min(count, (i + 1) * chunk), participant)
        }
    }

    func run(count: Int, chunk: Int, _ body: (Range<Int>, Int) -> Void) {
        jobs.wrappingAdd(1, ordering: .relaxed)
        withoutActuallyEscaping(body) { escapable in
            job = escapable
            self.count = count
            self.chunk = chunk
            nextChunk.store(0, ordering: .relaxed)
            let generation = (state.load(ordering: .relaxed) >> 8) + 1
            state.store(generation << 8 | Self.open, ordering: .sequentiallyConsistent)
            wakeSleepers()
            work(participant: 0)
            // Close the job, then wait for the workers that entered it to finish their chunks.
            var current = state.bitwiseAnd(~Self.open, ordering: .acquiringAndReleasing).newValue
            var spins = 0
            var deadline: UInt64 = 0
            var yielding = false
            while current & Self.insideMask != 0 {
                spins += 1
                if yielding {
                    sched_yield()
                } else {
                    sq_cpu_relax()
                    if spins % Self.pollsPerClockRead == 0 {
                        let t = Self.now()
                        if deadline == 0 { deadline = t + Self.spinNanoseconds } else if t > deadline { yielding = true }
                    }
                }
                current = state.load(ordering: .acquiring)
            }
            job = nil
        }
    }

    func workerLoop(participant: Int, worker: Worker) {
        var seen = 0
        var spins = 0
        var deadline: UInt64 = 0
        while !stopping.load(ordering: .relaxed) {
            let s = state.load(ordering: .acquiring)
            let generation = s >> 8
            if generation != seen {
                seen = generation
                spins = 0
                deadline = 0
                guard s & Self.open != 0 else { continue }
                // Enter the job unless it was closed (or replaced) meanwhile.
                var expected = s
                while true {
                    let (exchanged, original) = state.compareExchange(
                        expected: expected, desired: expected + 1, ordering: .acquiringAndReleasing)
                    if exchanged { break }
                    guard original >> 8 == generation, original & Self.open != 0 else { expected = -1; break }
                    expected = original
                }
                if expected == -1 { continue }
                work(participant: participant)
                state.wrappingSubtract(1, ordering: .releasing)
                continue
            }
            spins += 1
            if spins % Self.pollsPerClockRead != 0 { sq_cpu_relax(); continue }
            let t = Self.now()
            if deadline == 0 { deadline = t + Self.spinNanoseconds }
            if t <= deadline { sq_cpu_relax(); continue }
            worker.sleeping.store(true, ordering: .sequentiallyConsistent)
            if state.load(ordering: .sequentiallyConsistent) >> 8 != seen || stopping.load(ordering: .sequentiallyConsistent) {
                // A job arrived meanwhile. If the dispatcher already cleared our flag, it
                // also signalled: consume that signal.
                if !worker.sleeping.exchange(false, ordering: .sequentiallyConsistent) { worker.wake.wait() }
            } else {
                worker.wake.wait()
            }
            spins = 0
            deadline = 0
        }
    }
}
