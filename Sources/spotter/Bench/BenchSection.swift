import Foundation

/// A named group of measurements run by `spotter bench [NAME]`.
///
/// To add one: write `static let mySection = BenchSection(name:summary:run:)` in a file under
/// `Bench/` and append it to `all`.
struct BenchSection: Sendable {
    let name: String
    let summary: String
    let run: @Sendable (BenchOptions) async throws -> Void

    static let all: [BenchSection] = [
        .server,
        .engine,
        .embedding,
        .knowledge,
        .coaching,
        .tracker,
        .chat,
        .replay,
        .store,
    ]
}

struct BenchOptions: Sendable {
    var requests: Int
    /// `spotter bench replay FILE --format hevy|strong` (default: the shared Hevy export).
    var replayFile: String? = nil
    var replayFormat: String = "hevy"
}

/// Latency samples of one measurement, and the wall time they took.
struct LatencySummary {
    let samples: [Duration]
    let wall: Duration

    func percentile(_ p: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let index = min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)
        return sorted[max(0, index)].milliseconds
    }

    var throughput: Double { Double(samples.count) / wall.seconds }

    /// `name  c=16  n=2000  p50 0.41 ms  p99 1.90 ms  9,512 req/s`
    func line(_ name: String, concurrency: Int) -> String {
        name.padding(toLength: max(30, name.count + 1), withPad: " ", startingAt: 0)
            + String(format: "c=%-3d n=%-6d p50 %7.3f ms   p99 %7.3f ms   %9.0f req/s", concurrency, samples.count, percentile(50), percentile(99), throughput)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    var milliseconds: Double { seconds * 1000 }
}
