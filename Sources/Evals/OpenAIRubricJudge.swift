import Foundation
import HTTPClient

/// The `llm-rubric` judge: a model behind an OpenAI-compatible `/chat/completions` endpoint
/// (vLLM, llama.cpp server, Ollama, NIM, ...). Configured by `SPOTTER_JUDGE_BASE_URL`,
/// `SPOTTER_JUDGE_MODEL` and optionally `SPOTTER_JUDGE_API_KEY`, or the matching flags.
public struct OpenAIRubricJudge: RubricJudge {
    public let baseURL: String
    public let model: String
    public let apiKey: String?
    private let http = CurlHTTPClient()

    public init(baseURL: String, model: String, apiKey: String? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.model = model
        self.apiKey = apiKey
    }

    /// The judge described by the environment, or `nil` when it is not configured.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> OpenAIRubricJudge? {
        guard let url = env["SPOTTER_JUDGE_BASE_URL"], !url.isEmpty, let model = env["SPOTTER_JUDGE_MODEL"], !model.isEmpty else { return nil }
        return OpenAIRubricJudge(baseURL: url, model: model, apiKey: env["SPOTTER_JUDGE_API_KEY"])
    }

    public func grade(message: String, reply: String, rubric: String) async throws -> (score: Double, reason: String) {
        let system = """
        You grade a fitness coach's reply against a rubric. Answer with JSON only: \
        {"score": <number from 0 to 1>, "reason": "<one sentence>"}.
        """
        let user = "Rubric: \(rubric)\n\nUser message: \(message)\n\nCoach reply: \(reply)"
        let body: JSONValue = .object([
            "model": .string(model), "temperature": .number(0),
            "messages": .array([
                .object(["role": .string("system"), "content": .string(system)]),
                .object(["role": .string("user"), "content": .string(user)]),
            ]),
        ])
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        if let apiKey { headers.append(("Authorization", "Bearer \(apiKey)")) }
        let res = try await http.send(HTTPRequest(
            method: "POST", url: "\(baseURL)/chat/completions", headers: headers,
            body: Data(body.jsonText.utf8), totalTimeout: .seconds(120)))
        guard res.status == 200, let json = JSONValue.parse(res.body),
              let content = json["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue else {
            throw EvalError(.usage, "the judge at \(baseURL) answered \(res.status): \(res.text.prefix(200))")
        }
        return try Self.parseVerdict(content)
    }

    /// Reads `{"score": x, "reason": "..."}` from the judge's text (the first JSON object in it).
    static func parseVerdict(_ text: String) throws -> (score: Double, reason: String) {
        guard let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}"), open < close,
              let v = JSONValue.parse(Data(text[open...close].utf8)), let score = v["score"]?.numberValue else {
            throw EvalError(.usage, "the judge's answer has no {\"score\": ...}: \(text.prefix(200))")
        }
        return (min(1, max(0, score)), v["reason"]?.stringValue ?? "")
    }
}
