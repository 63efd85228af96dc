import Dispatch
import Foundation

extension SentenceEncoder {
    /// Embeds texts on the encoder's own serial dispatch queue, off Swift's cooperative pool, so
    /// that a large batch (a knowledge-base build) does not hold a pool thread for seconds.
    ///
    /// Calls through this method run one at a time: OpenBLAS already spreads each GEMM over the
    /// cores, and on a small machine two encoder passes at once would only fight over them
    /// (the synchronous `embed(_:)` remains safe to call concurrently). Cancelling the calling
    /// task stops the work between chunks of `batchSize` texts and throws `CancellationError`.
    public func embedInBackground(_ texts: [String]) async throws -> [[Float]] {
        let cancelled = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[[Float]], any Error>) in
                backgroundQueue.async {
                    continuation.resume(with: Result { try self.embed(texts, stopIf: cancelled.isSet) })
                }
            }
        } onCancel: {
            cancelled.set()
        }
    }
}

/// A one-way flag set by a cancellation handler and read by the worker.
final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
