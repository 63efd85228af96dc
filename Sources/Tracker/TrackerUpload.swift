import Foundation

/// The JSON form of an upload to `POST /v1/tracker`, for clients that cannot send raw bytes:
///
/// ```json
/// {"image": "<base64>" | "data:image/png;base64,<base64>", "content_type": "image/png"}
/// ```
/// `content_type` is optional (a data URL's type is used, else the bytes are sniffed).
public enum TrackerUpload {
    /// Decodes the image bytes and declared content type from a JSON body, checking the size
    /// from the base64 length before decoding it.
    ///
    /// - Throws: ``TrackerError``: 422 when the body or image is empty, 413 when the decoded
    ///   image would exceed `limits.maxBytes`, 400 for invalid JSON or base64.
    public static func decode(_ body: Data, limits: ImageLimits) throws -> (image: Data, contentType: String?) {
        guard !body.isEmpty else { throw TrackerError.empty("the request body is empty; send image bytes or {\"image\": \"<base64>\"}") }
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw TrackerError.corrupt("the body is not a JSON object; send {\"image\": \"<base64>\", \"content_type\": \"image/png\"}")
        }
        guard let field = object["image"] as? String else {
            throw TrackerError.corrupt("the JSON body has no string field 'image' holding the base64 image")
        }
        var declared = object["content_type"] as? String
        var payload = Substring(field)
        if payload.hasPrefix("data:"), let comma = payload.firstIndex(of: ",") {
            let meta = payload[payload.index(payload.startIndex, offsetBy: 5)..<comma]
            if declared == nil, let type = meta.split(separator: ";").first, !type.isEmpty { declared = String(type) }
            payload = payload[payload.index(after: comma)...]
        }
        guard !payload.isEmpty else { throw TrackerError.empty("the 'image' field is empty; put the base64-encoded image in it") }
        let decodedSize = payload.utf8.count / 4 * 3
        guard decodedSize <= limits.maxBytes + 3 else {
            throw TrackerError.tooLarge("image is about \(decodedSize) bytes; the limit is \(limits.maxBytes) bytes")
        }
        guard let image = Data(base64Encoded: String(payload.filter { !$0.isWhitespace })), !image.isEmpty else {
            throw TrackerError.corrupt("the 'image' field is not valid base64")
        }
        return (image, declared)
    }
}
