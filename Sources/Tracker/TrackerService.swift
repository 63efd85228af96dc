import Foundation

/// Image → tracker JSON: validates the bytes by header, reads the image with the configured
/// backend, parses the text and matches exercise names.
///
/// ```swift
/// let service = TrackerService(backend: .ocr, matcher: knowledgeMatcher)
/// let result = try await service.track(imageData: png, declaredContentType: "image/png")
/// let json = try TrackerResult.encoder.encode(result)
/// ```
public struct TrackerService: Sendable {
    /// How images are read.
    public enum Backend: Sendable {
        /// Embedded Tesseract OCR (offline, the default).
        case ocr
        /// An OpenAI-compatible vision model; `apiKeyEnv` names the environment variable with the key.
        case openai(baseURL: String, model: String, apiKeyEnv: String?, timeout: Duration)
    }

    public let backend: Backend
    public let limits: ImageLimits
    public let ocr: TesseractOCR
    public let parser: WorkoutTextParser

    public init(backend: Backend = .ocr, limits: ImageLimits = ImageLimits(),
                matcher: (any ExerciseNameMatching)? = nil, ocr: TesseractOCR = TesseractOCR()) {
        self.backend = backend
        self.limits = limits
        self.ocr = ocr
        self.parser = WorkoutTextParser(matcher: matcher)
    }

    /// Turns one image into tracker JSON.
    ///
    /// - Parameters:
    ///   - imageData: PNG, JPEG or WebP bytes.
    ///   - declaredContentType: the request's `Content-Type`, checked against the bytes (`nil`,
    ///     `application/octet-stream` and `image/*` mean "sniff").
    /// - Throws: ``TrackerError`` (its `status` is the HTTP status to answer with).
    public func track(imageData: Data, declaredContentType: String?) async throws -> TrackerResult {
        let header = try ImageHeader.validate(imageData, declaredContentType: declaredContentType, limits: limits)
        switch backend {
        case .ocr:
            let lines = try await ocr.recognize(imageData)
            return TrackerResult(source: .ocr, rawText: lines.map(\.text).joined(separator: "\n"),
                                 entries: parser.parse(lines: lines))
        case let .openai(baseURL, model, apiKeyEnv, timeout):
            let reader = OpenAIVisionReader(baseURL: baseURL, model: model, apiKeyEnv: apiKeyEnv, timeout: timeout)
            let reply = try await reader.read(imageData, contentType: header.contentType)
            return TrackerResult(source: .vlm, rawText: reply.rawText, entries: normalise(reply))
        }
    }

    /// A vision reply through the same parser and matcher as OCR text: the model's fields win
    /// where present (they were range-checked), the parser's reading of `content` fills the gaps.
    func normalise(_ reply: VisionReply) -> [TrackerEntry] {
        reply.entries.map { e in
            var r = LineReader.read(TextNormalizer.normalize(e.content))
            r.name = LineReader.cleanName(e.exercise)
            r.sets = e.sets ?? r.sets
            r.reps = e.reps ?? r.reps
            if let w = e.weight { r.weight = w; r.unit = e.unit ?? r.unit } else { r.unit = r.unit ?? e.unit }
            r.rpe = e.rpe ?? r.rpe
            r.rir = e.rir ?? r.rir
            r.restSeconds = e.restSeconds ?? r.restSeconds
            if let notes = e.notes, !notes.isEmpty { r.notes = [notes] }
            return parser.entry(from: r, content: e.content, confidence: 0.9, group: e.group, section: nil)
        }
    }
}
