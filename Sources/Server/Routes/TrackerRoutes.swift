import Foundation
import Hummingbird
import SpotterApp
import Tracker

/// `POST /v1/tracker`: a workout photo or screenshot → tracker JSON (schema:
/// `schemas/tracker.schema.json`).
///
/// Body: the image bytes with `Content-Type: image/png|image/jpeg|image/webp` (or
/// `application/octet-stream` to sniff), or JSON `{"image": "<base64 or data URL>",
/// "content_type": "image/png"}`. The image is checked by its header before decoding: a body over
/// the byte cap (JSON: the JSON body limit, 1 MiB by default, chunked or not) → 413 before it is buffered, a header declaring more than the pixel cap → 413,
/// an unsupported or mislabelled type → 415, a truncated or corrupt file → 400, an empty body → 422.
///
/// ```sh
/// curl --unix-socket .spotter/spotter.sock -H 'Content-Type: image/png' \
///      --data-binary @plan.png http://localhost/v1/tracker
/// ```
/// → `{"source": "ocr", "raw_text": "...", "entries": [{"content": "Bench Press 3x8 @ 80kg",
///     "exercise": {"id": "barbell-bench-press", "name": "Barbell Bench Press", "matched": true, ...},
///     "sets": 3, "reps": 8, "weight": 80, "unit": "kg", "confidence": 0.9}, ...]}`
struct TrackerRoutes: RouteGroup {
    let context: ServerContext

    func register(on router: Router<SpotterRequestContext>) {
        let service = context.services.tracker
        let resolver = context.services.nameResolver
        router.post("/v1/tracker") { request, ctx in
            guard let service else { throw APIError.unavailable("this daemon runs without the tracker (--disable tracker)") }
            let type = request.headers[.contentType]?.split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            let isJSON = type == "application/json"
            // JSON bodies obey the JSON limit (1 MiB by default) however they are sent: declared
            // lengths are refused by `BodyLimitMiddleware`, chunked bodies here while they are read.
            let limit = isJSON ? ctx.maxJSONBytes : service.limits.maxBytes
            let body = try await request.collectBody(limit: limit)
            let bytes = Data(body.readableBytesView)
            let image: Data
            let declared: String?
            if isJSON {
                (image, declared) = try TrackerUpload.decode(bytes, limits: service.limits)
            } else {
                (image, declared) = (bytes, type)
            }
            // Names are matched against the knowledge base, which may still be loading at start-up.
            _ = try? await resolver?.value(within: .seconds(60))
            let result = try await service.track(imageData: image, declaredContentType: declared)
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(data: try TrackerResult.encoder.encode(result))))
        }
    }
}
