import Foundation

extension AgentsConfiguration {
    /// `router.training`: eval-suite files (the `spotter eval` format, see the Evals target) whose
    /// cases route automatically and assert `routed-to`; each such case's `message` becomes a
    /// labelled utterance of that agent. Paths are relative to agents.yaml and must stay under its
    /// directory. A suite held out for measuring the router must never be listed here.
    static func loadTraining(_ section: ConfigSection, agents: Set<String>, base: URL) throws -> [String: [String]] {
        let paths = try section.stringList("training")
        var training: [String: [String]] = [:]
        for (index, path) in paths.enumerated() {
            let key = section.key("training") + "[\(index)]"
            let url = try ConfigSafety.promptURL(path, base: base, file: section.file, key: key)
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw AgentsError.config(section.file, key, "cannot read \(path): \(error.localizedDescription)")
            }
            let suite = try ConfigSection(file: path, path: "", value: ConfigSafety.loadYAML(text, file: path))
            guard let cases = suite.values["cases"] as? [Any] else {
                throw AgentsError.config(path, "cases", "is missing; a training suite lists cases with a message and a routed-to assertion")
            }
            for (number, item) in cases.enumerated() {
                guard let entry = item as? [String: Any], let message = entry["message"] as? String,
                      (entry["agent"] as? String).map({ $0 == "auto" }) ?? true,
                      let asserts = entry["assert"] as? [[String: Any]],
                      let agent = asserts.first(where: { $0["type"] as? String == "routed-to" })?["value"] as? String
                else { continue }
                guard agents.contains(agent) else {
                    throw AgentsError.config(path, "cases[\(number)]", "routes to \"\(agent)\", which is not an agent; use one of \(agents.sorted().joined(separator: ", "))")
                }
                training[agent, default: []].append(message)
            }
        }
        return training
    }
}
