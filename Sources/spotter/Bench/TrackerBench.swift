import Foundation
import Tracker

/// `spotter bench` part for the tracker: OCR latency per image and field-level
/// precision/recall/F1 (exercise, sets, reps, weight, unit) over the committed fixture set
/// `Tests/TrackerTests/Fixtures` (run from the repository root; override with
/// `SPOTTER_TRACKER_FIXTURES`). No name matcher: exercises are scored as written.
enum TrackerBench {
    static func run() async throws {
        let dir = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SPOTTER_TRACKER_FIXTURES"]
            ?? FileManager.default.currentDirectoryPath + "/Tests/TrackerTests/Fixtures")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else { throw BenchError(message: "no ground-truth files in \(dir.path); run from the repository root") }
        let service = TrackerService(backend: .ocr)
        var totals = Dictionary(uniqueKeysWithValues: TrackerScoring.fields.map { ($0, TrackerScoring.Counts()) })
        var latencies: [Double] = []
        print("tracker OCR bench: \(names.count) images from \(dir.path)")
        if ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == nil {
            print("note: OMP_THREAD_LIMIT is unset; Tesseract's OpenMP threads may inflate latency (try OMP_THREAD_LIMIT=1)")
        }
        print("image".padding(toLength: 32, withPad: " ", startingAt: 0) + "  ms      F1")
        for name in names {
            let truth = try JSONDecoder().decode(TrackerScoring.TruthFile.self, from: Data(contentsOf: dir.appendingPathComponent(name)))
            let image = try Data(contentsOf: dir.appendingPathComponent(truth.image))
            let start = ContinuousClock.now
            let result = try await service.track(imageData: image, declaredContentType: nil)
            let elapsed = ContinuousClock.now - start
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            latencies.append(ms)
            let counts = TrackerScoring.score(result.entries, truth: truth.entries)
            for (k, v) in counts { totals[k] = totals[k]! + v }
            let f1 = counts.values.reduce(TrackerScoring.Counts(), +).f1
            print(truth.image.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "  %6.0f  %.3f", ms, f1))
        }
        print("\nfield      precision  recall  F1")
        for field in TrackerScoring.fields {
            let c = totals[field]!
            print(field.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: " %9.3f  %6.3f  %.3f", c.precision, c.recall, c.f1))
        }
        let all = totals.values.reduce(TrackerScoring.Counts(), +)
        print("all       " + String(format: " %9.3f  %6.3f  %.3f", all.precision, all.recall, all.f1))
        let sorted = latencies.sorted()
        print(String(format: "latency ms: median %.0f, max %.0f, mean %.0f", sorted[sorted.count / 2], sorted.last!,
                     latencies.reduce(0, +) / Double(latencies.count)))
    }

    struct BenchError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
