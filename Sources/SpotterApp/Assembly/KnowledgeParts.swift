import Foundation
import Knowledge
import Logging
import ServiceLifecycle
import Store
import TextEmbedding

/// The knowledge capability: the sentence encoder (loaded now: it is small and the router and
/// the program recommender share it), the validated knowledge base, and the index and name
/// resolver, built in the background.
struct KnowledgeParts: Sendable {
    let encoder: SentenceEncoder
    let base: KnowledgeBase
    let index: Loadable<KnowledgeIndex>
    let resolver: Loadable<any ExerciseNameResolving>
    /// Operator changes through the store's shared knowledge log (nil when the index is not built).
    let changes: KnowledgeChanges?

    /// The index is opened from the data directory and rebuilt only when the knowledge files,
    /// imported data or the encoder changed. A broken knowledge file is a start-up error naming
    /// file and field.
    static func load(store: any RecordStore, options: AssemblyOptions, logger: Logger, background: inout [any Service]) throws -> KnowledgeParts {
        let resources = options.resources
        try resources.requireFile(resources.encoderDirectory.appendingPathComponent("model.safetensors"),
                                  what: "the sentence encoder (all-MiniLM-L6-v2)")
        let encoder = try SentenceEncoder(modelDirectory: resources.encoderDirectory.path)
        let base = try KnowledgeBase.load(directory: resources.knowledgeDirectory)
        let path = options.dataDirectory.appendingPathComponent("knowledge.sqlite").path
        let index = Loadable<KnowledgeIndex>(name: "the knowledge index")
        let resolver = Loadable<any ExerciseNameResolving>(name: "exercise-name matching")
        guard options.buildsKnowledgeIndex else {
            index.fail("not built (buildsKnowledgeIndex is off)")
            resolver.fail("the knowledge index is not built")
            return KnowledgeParts(encoder: encoder, base: base, index: index, resolver: resolver, changes: nil)
        }
        background.append(LoaderService(index, logger: logger) {
            logger.info("opening knowledge index", metadata: ["exercises": "\(base.exercises.count)", "path": "\(path)"])
            let opened = try KnowledgeIndex(path: path, knowledgeBase: base, embedder: encoder)
            logger.info("knowledge index ready", metadata: [
                "documents": "\(opened.buildInfo.documentCount)", "rebuilt": "\(opened.buildInfo.rebuilt)",
                "seconds": "\(String(format: "%.2f", opened.buildInfo.seconds))",
            ])
            do {
                resolver.resolve(KnowledgeNameResolver(matcher: try opened.exerciseNameMatcher()))
            } catch {
                resolver.fail("\(error)")
            }
            return opened
        })
        // Listed after the loader; it waits for the index, then replays what other daemons (or
        // an earlier data directory) recorded in the shared knowledge log.
        let follower = KnowledgeLogFollower(store: store, index: index, logger: logger)
        background.append(KnowledgeLogFollowerService(follower: follower))
        return KnowledgeParts(encoder: encoder, base: base, index: index, resolver: resolver,
                              changes: KnowledgeChanges(store: store, follower: follower))
    }
}
