/// Bounds how many generations run at once and how many wait.
///
/// `acquire()` returns at once while fewer than `maxConcurrent` hold a slot; otherwise the caller
/// waits in a FIFO queue of at most `maxQueued`; beyond that it fails with `LLMError.overloaded`
/// (503 with `Retry-After`). A waiter whose task is cancelled leaves the queue.
public actor GenerationLimiter {
    public let maxConcurrent: Int
    public let maxQueued: Int
    public let retryAfterSeconds: Int
    private var running = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<Void, Error>)] = []
    private var nextID = 0

    public init(maxConcurrent: Int, maxQueued: Int, retryAfterSeconds: Int = 5) {
        precondition(maxConcurrent >= 1 && maxQueued >= 0)
        self.maxConcurrent = maxConcurrent
        self.maxQueued = maxQueued
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Generations holding a slot, and waiting for one.
    public var load: (running: Int, queued: Int) { (running, waiters.count) }

    /// Waits for a slot. Call `release()` exactly once after a successful acquire.
    public func acquire() async throws {
        if running < maxConcurrent {
            running += 1
            return
        }
        guard waiters.count < maxQueued else {
            throw LLMError(.overloaded,
                           "the model is busy: \(running) generations running and \(waiters.count) queued; retry in \(retryAfterSeconds) s",
                           retryAfterSeconds: retryAfterSeconds)
        }
        let id = nextID
        nextID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: LLMError(.cancelled, "request cancelled while queued"))
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Frees a slot, handing it straight to the first waiter if there is one.
    public func release() {
        if waiters.isEmpty {
            running = max(0, running - 1)
        } else {
            waiters.removeFirst().continuation.resume()
        }
    }

    private func cancelWaiter(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: LLMError(.cancelled, "request cancelled while queued"))
    }
}
