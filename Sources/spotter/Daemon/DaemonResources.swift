import Foundation

/// Where the daemon finds its data files. Relative paths resolve against the working directory,
/// so `make run` (from the repository root) works on the defaults.
struct DaemonResources: Sendable {
    /// `knowledge/`: exercises, principles, program templates.
    var knowledgeDirectory: URL
    /// `models/`: the GGUF model and all-MiniLM-L6-v2, filled by `scripts/setup.sh`.
    var modelsDirectory: URL
    /// `agents.yaml` (its prompt files are relative to it).
    var agentsFile: URL

    var encoderDirectory: URL { modelsDirectory.appendingPathComponent("all-MiniLM-L6-v2") }

    /// Fails early, naming the missing file and the command that fetches it.
    func requireFile(_ url: URL, what: String) throws {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DaemonSetupError("\(what) is missing at \(url.path); run `make run` or scripts/setup.sh to fetch it")
        }
    }
}

/// A start-up failure: broken configuration or missing files. The message says what to do.
struct DaemonSetupError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
