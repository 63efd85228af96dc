import CTesseract
import Foundation

/// Embedded OCR: Tesseract (LSTM engine, `eng`) through its C API, with Leptonica preprocessing.
///
/// Each call runs on a dedicated thread, off the Swift cooperative pool, with a `TessBaseAPI`
/// handle checked out of a small pool (one thread per handle at a time), so calls are
/// thread-safe, never block async callers, and skip re-loading the language model. Recognition is
/// bounded by `timeout` through Tesseract's progress monitor (`ETEXT_DESC` deadline).
///
/// Deployment: Debian's libtesseract is built with OpenMP and its LSTM asks for 4 threads per
/// call; on a small shared machine they spin against each other. Start the process with
/// `OMP_THREAD_LIMIT=1` (libgomp reads it once, at load time, so it cannot be set from Swift):
/// measured median latency per fixture image 2159 ms → 666 ms at load average ~15 on 2 cores.
///
/// Preprocessing (see ``preprocess(_:normaliseBackground:)``): 8-bit grayscale → invert
/// dark-mode screenshots → upscale so the long side is ≥ 1200 px (small text) → optional
/// background normalisation; Tesseract binarises (Otsu). Page segmentation mode 4 (a single
/// column of variable-size lines) suits lists.
public struct TesseractOCR: Sendable {
    /// Directory holding `eng.traineddata`; `nil` lets Tesseract use `TESSDATA_PREFIX` or its default.
    public var tessdataPath: String?
    public var language: String
    /// Wall-clock budget for recognition of one image.
    public var timeout: Duration
    /// Flatten uneven lighting with Leptonica before OCR (off: it hurt on the fixture set).
    public var normaliseBackground: Bool
    let pool: TesseractEnginePool

    public init(tessdataPath: String? = nil, language: String = "eng", timeout: Duration = .seconds(20),
                normaliseBackground: Bool = false) {
        self.tessdataPath = tessdataPath
        self.language = language
        self.timeout = timeout
        self.normaliseBackground = normaliseBackground
        self.pool = TesseractEnginePool()
    }

    /// Reads the lines of text in an encoded image (PNG, JPEG, WebP), top to bottom.
    /// Validate the bytes with ``ImageHeader/validate(_:declaredContentType:limits:)`` first.
    public func recognize(_ image: Data) async throws -> [TextLine] {
        let job = OCRJob(ocr: self, image: image)
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try job.run() })
            }
            thread.name = "spotter.ocr"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}

/// One recognition, run synchronously on its own thread.
private struct OCRJob: Sendable {
    let ocr: TesseractOCR
    let image: Data

    func run() throws -> [TextLine] {
        setMsgSeverity(Int32(L_SEVERITY_NONE))
        guard let pix = image.withUnsafeBytes({ raw in
            pixReadMem(raw.bindMemory(to: UInt8.self).baseAddress, raw.count)
        }) else {
            throw TrackerError.corrupt("the image could not be decoded; it is corrupt or uses an unsupported encoding")
        }
        defer { destroyPix(pix) }
        guard let prepared = TesseractOCR.preprocess(pix, normaliseBackground: ocr.normaliseBackground) else {
            throw TrackerError.engine("image preprocessing failed")
        }
        defer { destroyPix(prepared) }

        let handle = try ocr.pool.checkOut(tessdataPath: ocr.tessdataPath, language: ocr.language)
        var healthy = false
        defer { if healthy { ocr.pool.checkIn(handle) } else { TesseractEnginePool.destroy(handle) } }
        let api = handle.api
        TessBaseAPISetPageSegMode(api, PSM_SINGLE_COLUMN)
        TessBaseAPISetImage2(api, prepared)
        TessBaseAPISetSourceResolution(api, 300)

        guard let monitor = TessMonitorCreate() else { throw TrackerError.engine("Tesseract could not create a monitor") }
        defer { TessMonitorDelete(monitor) }
        // The deadline is relative to the call (ETEXT_DESC::set_deadline_msecs adds "now").
        TessMonitorSetDeadlineMSecs(monitor, Int32(clamping: ocr.timeout.components.seconds * 1000
            + ocr.timeout.components.attoseconds / 1_000_000_000_000_000))
        let start = ContinuousClock.now
        let rc = TessBaseAPIRecognize(api, monitor)
        if rc != 0 {
            if ContinuousClock.now - start >= ocr.timeout {
                throw TrackerError.timedOut("OCR took longer than \(ocr.timeout); send a smaller or clearer image")
            }
            throw TrackerError.engine("Tesseract failed to recognise the image (code \(rc))")
        }
        let lines = readLines(api)
        healthy = true
        return lines
    }

    private func readLines(_ api: OpaquePointer) -> [TextLine] {
        guard let it = TessBaseAPIGetIterator(api) else { return [] }
        defer { TessResultIteratorDelete(it) }
        var lines: [TextLine] = []
        repeat {
            guard let cText = TessResultIteratorGetUTF8Text(it, RIL_TEXTLINE) else { continue }
            let text = String(cString: cText).trimmingCharacters(in: .whitespacesAndNewlines)
            TessDeleteText(cText)
            let confidence = Double(TessResultIteratorConfidence(it, RIL_TEXTLINE)) / 100
            if !text.isEmpty { lines.append(TextLine(text, confidence: max(0, min(1, confidence)))) }
        } while TessResultIteratorNext(it, RIL_TEXTLINE) != 0
        return lines
    }
}
