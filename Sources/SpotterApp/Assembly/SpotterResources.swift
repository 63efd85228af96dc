import Foundation

/// Where the daemon finds its data files. Relative paths resolve against the working directory,
/// so `make run` (from the repository root) works on the defaults.
public struct SpotterResources: Sendable {
    /// `knowledge/`: exercises, principles, program templates.
    public var knowledgeDirectory: URL
    /// `models/`: the GGUF model and all-MiniLM-L6-v2, filled by `scripts/setup.sh`.
    public var modelsDirectory: URL
    /// `agents.yaml` (its prompt files are relative to it; it also holds the `vlm:` section).
    public var agentsFile: URL

    public init(knowledgeDirectory: URL, modelsDirectory: URL, agentsFile: URL) {
        self.knowledgeDirectory = knowledgeDirectory
        self.modelsDirectory = modelsDirectory
        self.agentsFile = agentsFile
    }

    /// The repository layout under `root`: `knowledge/`, `models/`, `agents.yaml`.
    public init(root: URL) {
        self.init(knowledgeDirectory: root.appendingPathComponent("knowledge"),
                  modelsDirectory: root.appendingPathComponent("models"),
                  agentsFile: root.appendingPathComponent("agents.yaml"))
    }

    public var encoderDirectory: URL { modelsDirectory.appendingPathComponent("all-MiniLM-L6-v2") }

    /// Fails early, naming the missing file and the command that fetches it.
    func requireFile(_ url: URL, what: String) throws {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SpotterAppError(.configuration, "\(what) is missing at \(url.path); run `make run` or scripts/setup.sh to fetch it")
        }
    }
}
