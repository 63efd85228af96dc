import Agents
import Foundation
import Knowledge
import LanguageModel
import LLM
import Logging
import Server
import Store

extension DaemonAssembly {
    /// Builds the chat service from `agents.yaml` (validated now: a broken file stops start-up
    /// with a message naming file, key and problem) and registers it for `ChatRoutes`.
    ///
    /// The backend comes from the `llm:` section: `embedded` loads the GGUF model (its path is
    /// relative to agents.yaml's directory) once, shared by every request; `openai` talks to the
    /// configured server with the key from `api_key_env`. The router scores messages with
    /// sentence embeddings when the encoder is loaded (`loadKnowledge` first), else TF-IDF.
    /// Passages come from the knowledge index; grounding from a `GroundingProviding` registered
    /// in `capabilities` as `(any GroundingProviding).self` before this runs (optional).
    /// SIGHUP reloads agents.yaml and the prompts.
    mutating func loadChat(store: SpotterStore) throws {
        let url = resources.agentsFile
        try resources.requireFile(url, what: "the agents configuration")
        let configuration: AgentsConfiguration
        let backend: any ChatBackend
        do {
            configuration = try AgentsConfiguration.load(from: url)
            switch configuration.backend.kind {
            case .embedded:
                let path = configuration.backend.modelPath(relativeTo: url)
                try resources.requireFile(path, what: "the embedded language model (llm.model in \(url.lastPathComponent))")
                // 3072 by default: agents.yaml's full prompts (system + few-shot + context block) run
                // ~2.2k real tokens, more than the prompt assembler's byte-based estimate allows for
                // in 2048 (it undercounts chat-template tokens).
                let model = try LlamaModel(path: path.path, threads: min(2, max(1, ProcessInfo.processInfo.activeProcessorCount)),
                                           contextLength: configuration.backend.contextLength ?? 3072)
                backend = configuration.backend.makeEmbeddedBackend(model: model)
            case .openai:
                backend = try configuration.backend.makeOpenAIBackend()
            }
        } catch let error as AgentsError {
            throw DaemonSetupError(error.message)
        } catch let error as LanguageModelError {
            throw DaemonSetupError("cannot load the language model: \(error)")
        }
        let logger = self.logger
        var scorer: ChatService.ScorerFactory?
        if let encoder {
            scorer = { @Sendable (router: RouterConfiguration) -> any UtteranceScorer in
                do {
                    return try EmbeddingUtteranceScorer(embedder: encoder, examples: router.examples)
                } catch {
                    logger.warning("routing falls back to TF-IDF: embedding the router examples failed", metadata: ["error": "\(error)"])
                    return TFIDFUtteranceScorer(examples: router.examples)
                }
            }
        }
        let service = ChatService(
            configuration: configuration, configurationURL: url, backend: backend,
            users: StoreUserContextProvider(store: store),
            grounding: capabilities[(any GroundingProviding).self],
            passages: knowledgeIndex.map { KnowledgePassageRetriever(index: $0, logger: logger) },
            conversations: StoreConversationRecorder(store: store),
            scorerFactory: scorer)
        capabilities.register(service)
        services.append(HangupReloadService(name: url.lastPathComponent, logger: logger) {
            let fresh = try service.reload()
            return "agents: \(fresh.agentNames.joined(separator: ", ")); backend unchanged until restart"
        })
        logger.info("chat ready", metadata: ["backend": "\(backend.kind)", "model": "\(backend.model)",
                                             "agents": "\(configuration.agentNames.joined(separator: ","))"])
    }
}
