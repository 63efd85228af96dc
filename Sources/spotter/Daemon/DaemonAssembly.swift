import ArgumentParser
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
    /// The database, opened before `loadAll` (the coaching models read users' logs from it).
    var store: SpotterStore?

    init(resources: DaemonResources, dataDirectory: URL, logger: Logger) {
        self.resources = resources
        self.dataDirectory = dataDirectory
        self.logger = logger
    }

    /// Loads everything the daemon serves, except the `disabled` capabilities.
    mutating func loadAll(except disabled: Set<DaemonCapability> = []) throws {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        if !disabled.contains(.knowledge) { try loadKnowledge() }
        if !disabled.contains(.knowledge), let store { try loadCoaching(store: store) }
        if !disabled.contains(.tracker) { try loadTracker() }
        if !disabled.contains(.chat), let store { try loadChat(store: store) }
    }
}

/// The optional parts of the daemon (`spotter serve --disable NAME`).
enum DaemonCapability: String, CaseIterable, ExpressibleByArgument, Sendable {
    case knowledge, chat, tracker
}
