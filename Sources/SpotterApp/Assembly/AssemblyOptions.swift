import Foundation
import LLM
import Agents

/// The optional parts of the daemon (`spotter serve --disable NAME`).
public enum SpotterCapability: String, CaseIterable, Sendable {
    case knowledge, chat, tracker
}

/// What `assemble(store:options:logger:)` builds from, and the seams tests inject doubles at.
public struct AssemblyOptions: Sendable {
    /// `knowledge/`, `models/`, `agents.yaml`.
    public var resources: SpotterResources
    /// Where the knowledge index file (`knowledge.sqlite`) lives, beside the database.
    public var dataDirectory: URL
    /// Capabilities to leave out.
    public var disabled: Set<SpotterCapability>
    /// The chat backend to use instead of the one `agents.yaml`'s `llm:` section names
    /// (tests: a test double or an already loaded model).
    public var chatBackend: (any ChatBackend)?
    /// Applied to `agents.yaml` after it is loaded and validated (tests: shorter prompts).
    public var adjustAgents: (@Sendable (inout AgentsConfiguration) -> Void)?
    /// When false the knowledge index is not built (it reports failed, and chats run without
    /// passages); the knowledge base and encoder still load for the coaching models.
    public var buildsKnowledgeIndex: Bool
    /// Where users' histories are read from (default: the store). Tests count reads here.
    public var historySource: (any UserHistorySource)?
    /// Prefill each agent's static prompt prefix in the background at start-up and after SIGHUP
    /// (embedded backend only), so chats skip recomputing it.
    public var warmsAgentPrefixes: Bool

    public init(resources: SpotterResources, dataDirectory: URL, disabled: Set<SpotterCapability> = [],
                chatBackend: (any ChatBackend)? = nil, adjustAgents: (@Sendable (inout AgentsConfiguration) -> Void)? = nil,
                buildsKnowledgeIndex: Bool = true, historySource: (any UserHistorySource)? = nil,
                warmsAgentPrefixes: Bool = true) {
        self.resources = resources
        self.dataDirectory = dataDirectory
        self.disabled = disabled
        self.chatBackend = chatBackend
        self.adjustAgents = adjustAgents
        self.buildsKnowledgeIndex = buildsKnowledgeIndex
        self.historySource = historySource
        self.warmsAgentPrefixes = warmsAgentPrefixes
    }
}
