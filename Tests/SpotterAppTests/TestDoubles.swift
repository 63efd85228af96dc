import Foundation
import Knowledge
import SpotterTestSupport
import Synchronization

/// A deterministic bag-of-words embedder: each word adds ±1 to one of `dimension` buckets
/// (FNV-1a of the word), then the vector is L2-normalised. It counts the texts it embeds.
final class HashingEmbedder: TextEmbedder {
    let dimension: Int
    let embedded = Counter()

    init(dimension: Int = 32) {
        self.dimension = dimension
    }

    func embed(_ texts: [String]) throws -> [[Float]] {
        texts.map { text in
            embedded.increment()
            var vector = [Float](repeating: 0, count: dimension)
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
                vector[Int(hash % UInt64(dimension))] += (hash >> 32) & 1 == 0 ? 1 : -1
            }
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? vector.map { $0 / norm } : vector
        }
    }
}

/// Labelled utterances for a three-agent router.
let routerExamples: [String: [String]] = [
    "insight": ["how has my squat progressed", "what did my volume look like last month", "show my bench press trend",
                "how many sessions did I log this week", "have I hit a deadlift PR lately"],
    "planner": ["what should I train today", "plan my next leg session", "give me a program for three days a week",
                "what weight should I use for rows", "swap barbell curls for something else"],
    "coach": ["I feel exhausted today", "should I squat heavy after a bad night", "I am sore and unmotivated",
              "I missed a week and feel bad", "I finally hit my goal, so happy"],
]

/// Runs `operation` in a task of its own and reports whether it returned within `seconds`, so a
/// hang fails the test instead of hanging the run (a hung task is left behind).
func finishes(within seconds: Double, _ operation: @escaping @Sendable () async -> Void) async -> Bool {
    let done = Mutex(false)
    Task {
        await operation()
        done.withLock { $0 = true }
    }
    return await waitUntil(seconds: seconds) { done.withLock { $0 } }
}
