import CTesseract
import Synchronization

/// Initialised Tesseract handles kept for reuse: loading `eng.traineddata` costs ~0.2 s of CPU
/// per `TessBaseAPIInit3`, about a third of reading a typical plan.
///
/// A handle is used by one thread at a time (checked out, then returned); at most `capacity`
/// idle handles are kept. Handles whose recognition failed or timed out are not returned.
final class TesseractEnginePool: Sendable {
    /// A `TessBaseAPI*` that crosses threads only while checked out by exactly one of them.
    struct Handle: @unchecked Sendable {
        let api: OpaquePointer
    }

    private let idle = Mutex<[Handle]>([])
    private let capacity: Int

    init(capacity: Int = 2) {
        self.capacity = capacity
    }

    deinit {
        for handle in idle.withLock({ $0 }) { Self.destroy(handle) }
    }

    /// An idle handle, or a new one initialised for `language` (throws when the data is missing).
    func checkOut(tessdataPath: String?, language: String) throws -> Handle {
        if let handle = idle.withLock({ $0.popLast() }) { return handle }
        guard let api = TessBaseAPICreate() else { throw TrackerError.engine("Tesseract could not create an engine") }
        let status = language.withCString { lang in
            if let path = tessdataPath {
                return path.withCString { TessBaseAPIInit3(api, $0, lang) }
            }
            return TessBaseAPIInit3(api, nil, lang)
        }
        guard status == 0 else {
            Self.destroy(Handle(api: api))
            throw TrackerError.engine("Tesseract could not load '\(language)' language data; install tesseract-ocr-\(language) or set TESSDATA_PREFIX")
        }
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        return Handle(api: api)
    }

    /// Returns a handle after a successful recognition (its image and results are cleared).
    func checkIn(_ handle: Handle) {
        TessBaseAPIClear(handle.api)
        let kept = idle.withLock { list -> Bool in
            guard list.count < capacity else { return false }
            list.append(handle)
            return true
        }
        if !kept { Self.destroy(handle) }
    }

    static func destroy(_ handle: Handle) {
        TessBaseAPIEnd(handle.api)
        TessBaseAPIDelete(handle.api)
    }
}
