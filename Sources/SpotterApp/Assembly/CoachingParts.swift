import Coaching
import Foundation
import Logging
import ServiceLifecycle
import Store
import Synchronization
import TextEmbedding

/// The grounding models: a `CoachingService` (overload rules, exercise and program recommenders
/// over the knowledge base, the next-workout LSTM).
///
/// The LSTM weights live in `models/next_workout_lstm.bin` (format: `LSTMWeightsFile`). They are
/// loaded in the background (`Loadable<NextWorkoutPredictor>`, "the next-workout model"); when
/// the file is missing the daemon trains once on the seeded synthetic data (seed 42, the same
/// run as `spotter train lstm`) and writes it, so setup never needs to train. Until then
/// `/next-workout` answers 503 with `Retry-After` and the chat's grounding leaves the
/// prediction out. Program similarity is all-MiniLM-L6-v2 cosine between the profile text and
/// each template's text (embeddings cached). Users' overload calibrations are refitted in the
/// background after each committed write (`CalibrationRefits`, a background service).
enum CoachingParts {
    static func load(store: any RecordStore, knowledge: KnowledgeParts, options: AssemblyOptions, logger: Logger,
                     background: inout [any Service]) -> CoachingService {
        let lstm = Loadable<NextWorkoutPredictor>(name: "the next-workout model")
        let weights = options.resources.modelsDirectory.appendingPathComponent("next_workout_lstm.bin")
        background.append(LoaderService(lstm, logger: logger) {
            if !FileManager.default.fileExists(atPath: weights.path) {
                logger.info("training the next-workout LSTM once (no weights file yet)", metadata: ["path": "\(weights.path)"])
            }
            return try NextWorkoutPredictor.loadOrTrain(at: weights)
        })
        let encoder = knowledge.encoder
        let cache = EmbeddingCache()
        let similarity: ProgramRecommender.Similarity = { profile, template in
            func vector(_ text: String) -> [Float]? {
                if let v = cache.vectors.withLock({ $0[text] }) { return v }
                guard let v = try? encoder.embed(text) else { return nil }
                cache.vectors.withLock { if $0.count > 512 { $0.removeAll() }; $0[text] = v }
                return v
            }
            guard let a = vector(profile), let b = vector(template) else { return 0 }
            return SentenceEncoder.cosine(a, b)
        }
        let resolver = knowledge.resolver
        let coaching = CoachingService(store: store, catalog: CoachingCatalog(knowledgeBase: knowledge.base), nextWorkout: lstm,
                                       similarity: similarity, resolveName: { resolver.loaded?.resolve($0)?.id },
                                       historySource: options.historySource, logger: logger)
        background.append(coaching.refits)
        return coaching
    }
}

/// Sentence embeddings of profile and template texts, so each is encoded once.
private final class EmbeddingCache: Sendable {
    let vectors = Mutex<[String: [Float]]>([:])
}
