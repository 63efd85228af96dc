import Foundation
import Testing
@testable import Tracker

/// OCR on the committed image set (`scripts/make_tracker_images.py`), scored field by field.
@Suite struct OCRFixtureTests {
    let service = TrackerService(backend: .ocr, matcher: TestExerciseMatcher())

    @Test func cleanRendering_readsEveryEntryExactly() async throws {
        let result = try await service.track(imageData: try Fixtures.data("push_day_sans.png"), declaredContentType: "image/png")
        #expect(result.source == .ocr)
        #expect(result.rawText.contains("Bench Press"))
        #expect(result.entries.map(\.exercise.asWritten) == ["Bench Press", "Overhead Press", "Incline Dumbbell Press", "Triceps Pushdown"])
        let bench = try #require(result.entries.first)
        #expect(bench.exercise.id == "Barbell_Bench_Press")
        #expect(bench.sets == 3 && bench.reps == .exact(8) && bench.weight == 80 && bench.unit == .kg)
        #expect(bench.section == "Day 1 — Push")
        #expect(result.entries.allSatisfy { $0.restSeconds == 90 })
    }

    /// Floor: every field of every image, micro-averaged. Clean renderings read almost
    /// perfectly; the whiteboard, photo and dark-screenshot styles cost a few fields. Measured
    /// 2026-11-23 (see the report); the floor leaves room for Tesseract version drift.
    @Test func fixtureSet_fieldF1_isAboveFloor() async throws {
        var total = TrackerScoring.Counts()
        var perImage: [String] = []
        let files = Fixtures.truthFiles
        #expect(files.count >= 9)
        for url in files {
            let truth = try JSONDecoder().decode(TrackerScoring.TruthFile.self, from: Data(contentsOf: url))
            let result = try await service.track(imageData: try Fixtures.data(truth.image), declaredContentType: "image/png")
            let counts = TrackerScoring.score(result.entries, truth: truth.entries)
            let sum = counts.values.reduce(TrackerScoring.Counts(), +)
            perImage.append("\(truth.image): F1 \(sum.f1)")
            total = total + sum
            #expect(sum.f1 >= 0.6, "\(truth.image): \(result.rawText)")
        }
        #expect(total.f1 >= 0.9, "\(perImage)")
    }
}
