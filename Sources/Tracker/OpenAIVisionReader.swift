import Foundation
import HTTPClient

/// Reads a workout image with an OpenAI-compatible vision model (`POST {baseURL}/chat/completions`).
///
/// The image travels as a base64 `data:` URL in an `image_url` content part; the reply is
/// constrained with `response_format: {"type": "json_schema", ...}` (``VisionReply/schema``).
/// The model's JSON is untrusted: it is validated (``VisionReply/validate(_:)``) and every entry
/// is normalised through the same parser and name matcher as OCR text.
public struct OpenAIVisionReader: Sendable {
    /// e.g. `http://127.0.0.1:8000/v1` (vLLM, llama.cpp server, Ollama, NIM, ...).
    public var baseURL: String
    public var model: String
    /// Name of the environment variable holding the API key; no key is sent when unset.
    public var apiKeyEnv: String?
    /// Deadline for the whole exchange (504 when it passes).
    public var timeout: Duration
    private let client: CurlHTTPClient

    public init(baseURL: String, model: String, apiKeyEnv: String? = nil, timeout: Duration = .seconds(60),
                client: CurlHTTPClient = CurlHTTPClient()) {
        self.baseURL = baseURL
        self.model = model
        self.apiKeyEnv = apiKeyEnv
        self.timeout = timeout
        self.client = client
    }

    static let instructions = """
        You transcribe photos and screenshots of workout plans. Return JSON only, matching the \
        schema. One entry per exercise line, in reading order; "content" is the line exactly as \
        written; "exercise" the exercise name as written; numbers only where the image states \
        them, otherwise null. "reps" is an integer or a range written "8-12". Do not add \
        exercises that are not in the image. "raw_text" is all text in the image, one line per line.
        """

    /// Sends the image and returns the validated reply.
    func read(_ image: Data, contentType: String) async throws -> VisionReply {
        let url = baseURL.hasSuffix("/") ? baseURL + "chat/completions" : baseURL + "/chat/completions"
        let body: [String: Any] = [
            "model": model,
            "temperature": 0,
            "messages": [
                ["role": "system", "content": Self.instructions],
                ["role": "user", "content": [
                    ["type": "text", "text": "Transcribe this workout."],
                    ["type": "image_url", "image_url": ["url": "data:\(contentType);base64,\(image.base64EncodedString())"]],
                ]],
            ],
            "response_format": ["type": "json_schema", "json_schema": [
                "name": "workout", "strict": true, "schema": VisionReply.schema,
            ]],
        ]
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        if let env = apiKeyEnv, let key = ProcessInfo.processInfo.environment[env], !key.isEmpty {
            headers.append(("Authorization", "Bearer \(key)"))
        }
        let request = HTTPRequest(method: "POST", url: url, headers: headers,
                                  body: try JSONSerialization.data(withJSONObject: body),
                                  connectTimeout: min(timeout, .seconds(10)), totalTimeout: timeout)
        let response: HTTPResponse
        do {
            response = try await client.send(request)
        } catch let error as HTTPClientError {
            switch error.kind {
            case .timedOut:
                throw TrackerError.timedOut("the vision model at \(baseURL) did not answer within \(timeout); try again or use the ocr backend")
            case .connectionFailed:
                throw TrackerError.upstreamUnavailable("cannot reach the vision model at \(baseURL): \(error.message)")
            default:
                throw TrackerError.upstreamUnavailable("the vision model request failed: \(error.message)")
            }
        }
        guard response.status == 200 else {
            throw TrackerError.upstreamInvalid("the vision model answered HTTP \(response.status); check vlm.base_url, model and API key")
        }
        return try VisionReply.fromCompletion(response.body)
    }
}
