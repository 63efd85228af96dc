import Foundation
import Knowledge
import Logging
import Server
import Store
import TextEmbedding

extension DaemonAssembly {
    /// Loads the sentence encoder now (it is small and other capabilities share it), and
    /// builds the knowledge index in the background: it is opened from the data directory, and
    /// rebuilt only when the knowledge files, imported data or the encoder changed. Registers
    /// `Loadable<KnowledgeIndex>` and the exercise-name resolver used by imports and the tracker.
    mutating func loadKnowledge() throws {
        try resources.requireFile(resources.encoderDirectory.appendingPathComponent("model.safetensors"),
                                  what: "the sentence encoder (all-MiniLM-L6-v2)")
        let encoder = try SentenceEncoder(modelDirectory: resources.encoderDirectory.path)
        // Validate the knowledge files now: a broken file is a start-up error naming file and field.
        let base = try KnowledgeBase.load(directory: resources.knowledgeDirectory)
        let path = dataDirectory.appendingPathComponent("knowledge.sqlite").path
        let index = Loadable<KnowledgeIndex>(name: "the knowledge index")
        let resolver = Loadable<any ExerciseNameResolving>(name: "exercise-name matching")
        let logger = self.logger
        services.append(LoaderService(index, logger: logger) {
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
        self.encoder = encoder
        self.knowledgeBase = base
        self.knowledgeIndex = index
        capabilities.register(index)
        capabilities.register(resolver)
    }
}
