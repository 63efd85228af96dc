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

    /// Floor: every field of every image, micro-averaged. Measured 0.958 over the 12 fixtures
    /// (Tesseract 5.3.0, 2026-11-23): 11 styles read perfectly, the hard whiteboard 0.52.
    /// The 0.9 floor leaves ~5 points for Tesseract/Leptonica version drift while still failing
    /// if one clean style loses most of its fields (each image is ~8% of the fields).
    @Test func fixtureSet_fieldF1_isAboveFloor() async throws {
        var total = TrackerScoring.Counts()
        var perImage: [String] = []
        let files = Fixtures.truthFiles
        #expect(files.count >= 12)
        for url in files {
            let truth = try JSONDecoder().decode(TrackerScoring.TruthFile.self, from: Data(contentsOf: url))
            let result = try await service.track(imageData: try Fixtures.data(truth.image), declaredContentType: nil)
            let counts = TrackerScoring.score(result.entries, truth: truth.entries)
            let sum = counts.values.reduce(TrackerScoring.Counts(), +)
            perImage.append("\(truth.image): F1 \(sum.f1)")
            total = total + sum
            // The "hard" whiteboard (20 px grey marker, glare, 3.5° tilt, blur) is the known weak
            // spot (F1 0.52 measured); it must still yield half of it, every other style ≥ 0.8.
            let floor = truth.image.contains("hard") ? 0.3 : 0.8
            #expect(sum.f1 >= floor, "\(truth.image): \(result.rawText)")
        }
        #expect(total.f1 >= 0.9, "\(perImage)")
    }

    @Test func ocrDeadline_passed_isTimeout504() async throws {
        let hurried = TrackerService(backend: .ocr, ocr: TesseractOCR(timeout: .milliseconds(1)))
        do {
            _ = try await hurried.track(imageData: try Fixtures.data("supersets_liberation.png"), declaredContentType: nil)
            Issue.record("OCR finished inside 1 ms")
        } catch let e as TrackerError {
            #expect(e.kind == TrackerError.Kind.timedOut)
        }
    }

    @Test func realJPEGAndWebP_headersAreRead() throws {
        let jpeg = try ImageHeader.validate(try Fixtures.data("conditioning_photo.jpg"), declaredContentType: "image/jpeg", limits: ImageLimits())
        #expect(jpeg == ImageHeader(format: .jpeg, width: 476, height: 389))
        let webp = try ImageHeader.validate(try Fixtures.data("leg_day_screenshot.webp"), declaredContentType: "image/webp", limits: ImageLimits())
        #expect(webp == ImageHeader(format: .webp, width: 540, height: 540))
    }

    @Test func realJPEG_truncated_isRejected400() throws {
        let jpeg = try Fixtures.data("conditioning_photo.jpg")
        #expect(throws: TrackerError.self) {
            try ImageHeader.validate(jpeg.prefix(jpeg.count * 2 / 3), declaredContentType: "image/jpeg", limits: ImageLimits())
        }
    }
}

@Suite struct OCRConcurrencyTests {
    @Test func concurrentCalls_onOneService_readTheSameAsSequential() async throws {
        let service = TrackerService(backend: .ocr)
        let png = try Fixtures.data("push_day_sans.png")
        async let a = service.track(imageData: png, declaredContentType: nil)
        async let b = service.track(imageData: png, declaredContentType: nil)
        async let c = service.track(imageData: png, declaredContentType: nil)
        let results = try await [a, b, c]
        let sequential = try await service.track(imageData: png, declaredContentType: nil)
        #expect(results.allSatisfy { $0 == sequential })
        #expect(sequential.entries.count == 4)
    }
}
