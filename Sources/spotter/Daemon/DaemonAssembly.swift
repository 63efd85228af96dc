import Foundation
import Knowledge
import Logging
import Server
import ServiceLifecycle
import Store
import TextEmbedding

/// Builds the daemon's capabilities (knowledge, chat, tracker, grounding) from files on disk,
/// one `DaemonAssembly+Capability.swift` per capability, and hands them to the server as a
/// `Capabilities` registry. Start-up fails with a clear message when a required file is missing.
struct DaemonAssembly {
    let resources: DaemonResources
    let dataDirectory: URL
    let logger: Logger
    var capabilities = Capabilities()
    /// Long-lived parts (model loaders, queues) run as services beside the HTTP server.
    var services: [any Service] = []

    // Shared by several capabilities, loaded once.
    var encoder: SentenceEncoder?
    var knowledgeBase: KnowledgeBase?
    var knowledgeIndex: Loadable<KnowledgeIndex>?

    init(resources: DaemonResources, dataDirectory: URL, logger: Logger) {
        self.resources = resources
        self.dataDirectory = dataDirectory
        self.logger = logger
    }

    /// Loads everything the daemon serves.
    mutating func loadAll(store: SpotterStore) throws {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        try loadKnowledge()
        try loadChat(store: store)
    }
}
