import Agents
import Foundation
import Knowledge
import Logging

/// `PassageRetrieving` over the knowledge index being loaded in the background: hybrid search
/// (BM25 + dense, fused) over exercises, principles and program templates.
///
/// While the index is still loading at start-up a request waits up to `startupWait` for it;
/// after that (or when the index failed to load) the chat is answered without passages rather
/// than failing, and the log says so.
public struct KnowledgePassageRetriever: PassageRetrieving {
    let index: Loadable<KnowledgeIndex>
    let startupWait: Duration
    let logger: Logger

    public init(index: Loadable<KnowledgeIndex>, startupWait: Duration = .seconds(5), logger: Logger = Logger(label: "spotter.chat")) {
        self.index = index
        self.startupWait = startupWait
        self.logger = logger
    }

    public func passages(for query: String, limit: Int) async throws -> [Passage] {
        let loaded: KnowledgeIndex
        if let ready = index.loaded {
            loaded = ready
        } else {
            do {
                loaded = try await index.value(within: startupWait)
            } catch {
                logger.warning("answering without knowledge passages", metadata: ["index": "\(index.status)"])
                return []
            }
        }
        return try loaded.search(SearchQuery(query, mode: .hybrid, limit: limit)).map {
            Passage(id: $0.id, title: $0.title, text: $0.text, score: $0.score)
        }
    }
}
