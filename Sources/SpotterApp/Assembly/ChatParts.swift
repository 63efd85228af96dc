import Agents
import Foundation
import Knowledge
import LanguageModel
import LLM
import Logging
import ServiceLifecycle
import Store
import TextEmbedding

/// The chat service, from `agents.yaml` (validated now: a broken file stops start-up with a
/// message naming file, key and problem).
///
/// The backend comes from the `llm:` section unless `options.chatBackend` is given: `embedded`
/// loads the GGUF model (its path is relative to agents.yaml's directory) once, shared by every
/// request; `openai` talks to the configured server with the key from `api_key_env`. The router
/// scores messages with sentence embeddings when the encoder is loaded, else TF-IDF; the
/// embeddings of its training utterances are kept in `<data>/router-embeddings.bin`
/// (`RouterEmbeddingCache`) and recomputed only when the utterances or the encoder change. Passages
/// come from the knowledge index; the user's context and grounding from `history` (one read per
/// request); the Planner's session plans from the same coaching models
/// (`CoachingSessionPlanProvider`). SIGHUP reloads agents.yaml and the prompts. Each agent's
/// static prompt prefix is prefilled in the background at start-up and after each reload
/// (`PrefixWarmupService`).
enum ChatParts {
    static func load(store: any RecordStore, history: HistoryChatContextProvider, knowledge: KnowledgeParts?,
                     options: AssemblyOptions, logger: Logger, background: inout [any Service]) throws -> ChatService {
        let url = options.resources.agentsFile
        try options.resources.requireFile(url, what: "the agents configuration")
        var configuration: AgentsConfiguration
        let backend: any ChatBackend
        do {
            configuration = try AgentsConfiguration.load(from: url)
            options.adjustAgents?(&configuration)
            backend = try options.chatBackend ?? makeBackend(configuration.backend, agentsFile: url, resources: options.resources,
                                                             logger: logger)
        } catch let error as AgentsError {
            throw SpotterAppError(.configuration, error.message)
        } catch let error as LanguageModelError {
            throw SpotterAppError(.configuration, "cannot load the language model: \(error)")
        }
        var scorer: ChatService.ScorerFactory?
        if let encoder = knowledge?.encoder {
            let cache = routerEmbeddingCache(encoder: encoder, options: options, logger: logger)
            scorer = { @Sendable (router: RouterConfiguration) -> any UtteranceScorer in
                do {
                    let started = ContinuousClock.now
                    let learned = try LearnedUtteranceScorer(embedder: encoder, examples: router.labelled, cache: cache)
                    logRouterEmbeddings(learned.cacheReport, count: router.labelled.values.reduce(0) { $0 + $1.count },
                                        seconds: ContinuousClock.now - started, logger: logger)
                    return learned
                } catch {
                    logger.warning("routing falls back to TF-IDF: embedding the router examples failed", metadata: ["error": "\(error)"])
                    return TFIDFUtteranceScorer(examples: router.labelled)
                }
            }
        }
        let service = ChatService(
            configuration: configuration, configurationURL: url, backend: backend, context: history,
            passages: knowledge.map { KnowledgePassageRetriever(index: $0.index, logger: logger) },
            conversations: StoreConversationRecorder(store: store),
            plans: history.grounding.map { CoachingSessionPlanProvider(coaching: $0.coaching) }, scorerFactory: scorer)
        let warmup = PrefixWarmupService(chat: service, logger: logger)
        if options.warmsAgentPrefixes { background.append(warmup) }
        let warms = options.warmsAgentPrefixes
        background.append(HangupReloadService(name: url.lastPathComponent, logger: logger) {
            let previous = service.configuration.agentNames
            let fresh = try service.reload()
            if warms { warmup.requestWarmup(previousAgents: previous) }
            return "agents: \(fresh.agentNames.joined(separator: ", ")); backend unchanged until restart"
        })
        logger.info("chat ready", metadata: ["backend": "\(backend.kind)", "model": "\(backend.model)",
                                             "agents": "\(configuration.agentNames.joined(separator: ","))"])
        return service
    }

    /// The router's embedding cache in the data directory, keyed by the encoder's files; nil (and
    /// a warning: every start re-embeds) when those cannot be read.
    static func routerEmbeddingCache(encoder: SentenceEncoder, options: AssemblyOptions, logger: Logger) -> RouterEmbeddingCache? {
        do {
            let identity = try EncoderFingerprint.of(directory: options.resources.encoderDirectory, name: encoder.embedderIdentity)
            return RouterEmbeddingCache(url: options.dataDirectory.appendingPathComponent(RouterEmbeddingCache.fileName),
                                        encoderIdentity: identity)
        } catch {
            logger.warning("router embeddings are not cached: cannot fingerprint the encoder", metadata: ["error": "\(error)"])
            return nil
        }
    }

    static func logRouterEmbeddings(_ report: RouterEmbeddingCache.Report?, count: Int, seconds: Duration, logger: Logger) {
        var metadata: Logger.Metadata = ["utterances": "\(count)", "seconds": "\(String(format: "%.2f", Double(seconds.components.seconds) + Double(seconds.components.attoseconds) * 1e-18))"]
        if let report {
            metadata["embeddings"] = report.loaded ? "cached" : "computed (\(report.rebuildReason ?? "?"))"
            if let saveError = report.saveError {
                logger.warning("router embeddings computed but not cached; the next start embeds again", metadata: ["error": "\(saveError)"])
            }
        }
        logger.info("router trained", metadata: metadata)
    }

    static func makeBackend(_ backend: BackendConfiguration, agentsFile url: URL, resources: SpotterResources,
                            logger: Logger) throws -> any ChatBackend {
        switch backend.kind {
        case .embedded:
            let path = backend.modelPath(relativeTo: url)
            try resources.requireFile(path, what: "the embedded language model (llm.model in \(url.lastPathComponent))")
            // 3072 by default: agents.yaml's full prompts (system + few-shot + context block) run
            // ~2.2k real tokens, more than the prompt assembler's byte-based estimate allows for
            // in 2048 (it undercounts chat-template tokens).
            let model = try LlamaModel(path: path.path, threads: min(2, max(1, ProcessInfo.processInfo.activeProcessorCount)),
                                       contextLength: backend.contextLength ?? 3072)
            return backend.makeEmbeddedBackend(model: model)
        case .openai:
            return try backend.makeOpenAIBackend(onServerChange: { change in
                if change.state == .healthy {
                    logger.notice("model server back in the pool", metadata: ["server": "\(change.server.label)"])
                } else {
                    let retry = change.retryIn.map { String(format: "%.1f", Double($0.components.seconds) + Double($0.components.attoseconds) * 1e-18) }
                    logger.warning("model server taken out of the pool", metadata: [
                        "server": "\(change.server.label)", "reason": "\(change.reason ?? "unknown")", "trial_in_seconds": "\(retry ?? "?")"])
                }
            })
        }
    }
}
