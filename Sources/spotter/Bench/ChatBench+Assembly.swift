import Foundation
import Knowledge
import Logging
import Server
import ServiceLifecycle
import SpotterApp
import Store

// The daemon used to be assembled by a `DaemonAssembly`; it is now one `assemble(store:options:logger:)`.
// `ChatBench.swift` belongs to another branch this round, so this file keeps the few names it
// uses, on top of `assemble`. Delete it once ChatBench calls `assemble` itself.

typealias DaemonResources = SpotterResources

/// `DaemonAssembly`'s old surface over `assemble`, for `ChatBench` only.
struct DaemonAssembly {
    let resources: SpotterResources
    let dataDirectory: URL
    let logger: Logger
    var store: SpotterStore?
    private var built: SpotterServices?

    init(resources: SpotterResources, dataDirectory: URL, logger: Logger) {
        self.resources = resources
        self.dataDirectory = dataDirectory
        self.logger = logger
    }

    mutating func loadAll() throws {
        guard let store else { throw SpotterAppError(.configuration, "set the store before loading") }
        built = try assemble(store: store, options: AssemblyOptions(resources: resources, dataDirectory: dataDirectory), logger: logger)
    }

    var capabilities: SpotterServices? { built }
    var services: [any Service] { built?.background ?? [] }
    var knowledgeIndex: Loadable<KnowledgeIndex>? { built?.knowledge }
}

extension ServerContext {
    init(store: SpotterStore, capabilities: SpotterServices?) {
        self.init(services: capabilities ?? SpotterServices(store: store))
    }
}
