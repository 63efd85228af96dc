import Foundation
import Store
import Tracker
import Yams

/// The tracker, from `agents.yaml`'s `vlm:` section. Exercise names are matched with the
/// knowledge base's resolver when knowledge is enabled.
enum TrackerParts {
    static func load(agentsFile: URL, resolver: Loadable<any ExerciseNameResolving>?) throws -> TrackerService {
        TrackerService(backend: try visionBackend(from: agentsFile),
                       matcher: resolver.map { KnowledgeTrackerMatcher(resolver: $0) })
    }

    /// The `vlm:` section of agents.yaml: `backend: ocr` (embedded Tesseract, the default) or
    /// `backend: openai` with `base_url`, `model`, optional `api_key_env` and `timeout_seconds`
    /// (default 60). A missing file or section means `ocr`. Errors name the file and the key.
    static func visionBackend(from file: URL) throws -> TrackerService.Backend {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return .ocr }
        guard let root = try Yams.load(yaml: text) as? [String: Any], let vlm = root["vlm"] else { return .ocr }
        let name = file.lastPathComponent
        func problem(_ message: String) -> SpotterAppError { SpotterAppError(.configuration, "\(name): \(message)") }
        guard let section = vlm as? [String: Any] else { throw problem("vlm: must be a mapping") }
        let known: Set<String> = ["backend", "base_url", "model", "api_key_env", "timeout_seconds"]
        if let unknown = section.keys.first(where: { !known.contains($0) }) {
            throw problem("vlm.\(unknown): unknown key; use one of \(known.sorted().joined(separator: ", "))")
        }
        switch section["backend"] as? String ?? "ocr" {
        case "ocr":
            return .ocr
        case "openai":
            guard let url = section["base_url"] as? String, URL(string: url)?.scheme?.hasPrefix("http") == true else {
                throw problem("vlm.base_url: required for backend openai, e.g. http://127.0.0.1:8000/v1")
            }
            guard let model = section["model"] as? String, !model.isEmpty else {
                throw problem("vlm.model: required for backend openai")
            }
            let seconds = (section["timeout_seconds"] as? Double) ?? (section["timeout_seconds"] as? Int).map(Double.init) ?? 60
            guard seconds > 0 else { throw problem("vlm.timeout_seconds: must be positive") }
            return .openai(baseURL: url, model: model, apiKeyEnv: section["api_key_env"] as? String,
                           timeout: .milliseconds(Int64(seconds * 1000)))
        case let other:
            throw problem("vlm.backend: '\(other)' is not ocr or openai")
        }
    }
}
