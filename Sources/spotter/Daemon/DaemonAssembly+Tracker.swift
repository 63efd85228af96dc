import Foundation
import Server
import Store
import Tracker
import Yams

extension DaemonAssembly {
    /// Builds the tracker from `agents.yaml`'s `vlm:` section: `backend: ocr` (embedded
    /// Tesseract, the default) or `backend: openai` with `base_url`, `model`, optional
    /// `api_key_env` and `timeout_seconds` (default 60). Exercise names are matched with the
    /// knowledge base's resolver when knowledge is enabled.
    mutating func loadTracker() throws {
        let backend = try Self.visionBackend(from: resources.agentsFile)
        var matcher: (any ExerciseNameMatching)?
        if let resolver = capabilities[Loadable<any ExerciseNameResolving>.self] {
            matcher = KnowledgeTrackerMatcher(resolver: resolver)
        }
        capabilities.register(TrackerService(backend: backend, matcher: matcher))
    }

    /// The `vlm:` section of agents.yaml. Errors name the file and the key.
    static func visionBackend(from file: URL) throws -> TrackerService.Backend {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return .ocr }
        guard let root = try Yams.load(yaml: text) as? [String: Any], let vlm = root["vlm"] else { return .ocr }
        let name = file.lastPathComponent
        guard let section = vlm as? [String: Any] else { throw DaemonSetupError("\(name): vlm: must be a mapping") }
        let known: Set<String> = ["backend", "base_url", "model", "api_key_env", "timeout_seconds"]
        if let unknown = section.keys.first(where: { !known.contains($0) }) {
            throw DaemonSetupError("\(name): vlm.\(unknown): unknown key; use one of \(known.sorted().joined(separator: ", "))")
        }
        switch section["backend"] as? String ?? "ocr" {
        case "ocr":
            return .ocr
        case "openai":
            guard let url = section["base_url"] as? String, URL(string: url)?.scheme?.hasPrefix("http") == true else {
                throw DaemonSetupError("\(name): vlm.base_url: required for backend openai, e.g. http://127.0.0.1:8000/v1")
            }
            guard let model = section["model"] as? String, !model.isEmpty else {
                throw DaemonSetupError("\(name): vlm.model: required for backend openai")
            }
            let seconds = (section["timeout_seconds"] as? Double) ?? (section["timeout_seconds"] as? Int).map(Double.init) ?? 60
            guard seconds > 0 else { throw DaemonSetupError("\(name): vlm.timeout_seconds: must be positive") }
            return .openai(baseURL: url, model: model, apiKeyEnv: section["api_key_env"] as? String,
                           timeout: .milliseconds(Int64(seconds * 1000)))
        case let other:
            throw DaemonSetupError("\(name): vlm.backend: '\(other)' is not ocr or openai")
        }
    }
}
