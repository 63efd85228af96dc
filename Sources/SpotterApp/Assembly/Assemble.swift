import Agents
import Foundation
import Logging
import ServiceLifecycle
import Store

/// Builds every service the daemon serves from files on disk, in dependency order: knowledge
/// (encoder, knowledge base, the index in the background) → coaching (needs the knowledge base)
/// → tracker (uses the knowledge name resolver) → chat (uses coaching for grounding and the index
/// for passages). `spotter serve`, the benchmarks and the end-to-end tests all call it; tests
/// inject doubles through `options`.
///
/// ```swift
/// let store = try SpotterStore.open(directory: data)
/// let services = try assemble(store: store, options: AssemblyOptions(resources: SpotterResources(root: repo),
///                                                                    dataDirectory: data), logger: logger)
/// try await SpotterServer(configuration: configuration, services: services).run()
/// ```
///
/// Throws `SpotterAppError(.configuration)` naming the file and what to do when a required file
/// is missing or a configuration section is broken. Every user-history read goes through one
/// `UserHistoryReader`, shared by the coaching endpoints and the chat.
public func assemble(store: any RecordStore, options: AssemblyOptions, logger: Logger) throws -> SpotterServices {
    try FileManager.default.createDirectory(at: options.dataDirectory, withIntermediateDirectories: true)
    var background: [any Service] = []
    let knowledge = options.disabled.contains(.knowledge)
        ? nil : try KnowledgeParts.load(store: store, options: options, logger: logger, background: &background)
    let coaching = knowledge.map {
        CoachingParts.load(store: store, knowledge: $0, options: options, logger: logger, background: &background)
    }
    let tracker = options.disabled.contains(.tracker)
        ? nil : try TrackerParts.load(agentsFile: options.resources.agentsFile, resolver: knowledge?.resolver)
    let history = coaching?.historyReader
        ?? UserHistoryReader(source: options.historySource ?? StoreHistorySource(store: store), catalog: nil)
    let chat = options.disabled.contains(.chat) ? nil : try ChatParts.load(
        store: store, history: HistoryChatContextProvider(reader: history, grounding: coaching.map { CoachingGroundingProvider(coaching: $0) }),
        knowledge: knowledge, options: options, logger: logger, background: &background)
    return SpotterServices(store: store, knowledge: knowledge?.index, knowledgeChanges: knowledge?.changes, nameResolver: knowledge?.resolver,
                           coaching: coaching, tracker: tracker, chat: chat, background: background)
}
