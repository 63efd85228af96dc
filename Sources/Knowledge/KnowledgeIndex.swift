import Foundation
import GRDB
import Synchronization

/// The searchable index of the knowledge base (and of imported exercise databases), kept in
/// SQLite: an FTS5 table for BM25 and one embedding BLOB per document, mirrored in a contiguous
/// in-memory matrix for brute-force cosine search.
///
/// Opening an index compares the stored content hash (knowledge files + imported data +
/// embedder identity + schema version) with the current one and rebuilds only when they differ.
///
/// ```swift
/// let kb = try KnowledgeBase.load(directory: knowledgeURL)
/// let index = try KnowledgeIndex(path: "spotter-knowledge.sqlite", knowledgeBase: kb, embedder: encoder)
/// let hits = try index.search(SearchQuery("knee-friendly quad exercise", limit: 5))
/// ```
public final class KnowledgeIndex: Sendable {
    /// What opening the index did.
    public struct BuildInfo: Sendable, Hashable {
        /// True when the documents were (re)computed; false when the stored index was current.
        public var rebuilt: Bool
        public var documentCount: Int
        public var seconds: Double
    }

    /// In-memory mirror of the `document` table, in rowid order.
    struct State {
        var documents: [KnowledgeDocument] = []
        var rowids: [Int64] = []
        var position: [String: Int] = [:]
        var matrix: [Float] = []  // (documents, dimension), L2-normalised rows
        var matcher: ExerciseNameMatcher

        mutating func append(_ doc: KnowledgeDocument, rowid: Int64, vector: [Float]) {
            position[doc.id] = documents.count
            documents.append(doc)
            rowids.append(rowid)
            matrix.append(contentsOf: vector)
            if doc.kind == .exercise {
                matcher.add(.init(id: doc.id, name: doc.title, aliases: doc.aliases, equipment: doc.equipment))
            }
        }
    }

    static let schemaVersion = "1"

    /// A `DatabasePool` (WAL: searches read while an import writes) for a file, a
    /// `DatabaseQueue` in memory.
    let database: any DatabaseWriter
    let embedder: any TextEmbedder
    let knowledgeBase: KnowledgeBase
    let state: Mutex<State>
    /// What opening this index did (rebuilt or reused, size, time).
    public let buildInfo: BuildInfo

    /// Opens the index at `path` (created if missing; nil keeps it in memory), rebuilding it if
    /// the knowledge base, the imported data or the embedder changed.
    public init(path: String?, knowledgeBase: KnowledgeBase, embedder: any TextEmbedder) throws {
        let start = ContinuousClock.now
        var config = Configuration()
        config.foreignKeysEnabled = true
        do {
            if let path {
                database = try DatabasePool(path: path, configuration: config)
            } else {
                database = try DatabaseQueue(configuration: config)
            }
        } catch {
            throw KnowledgeError(.index, file: path, "cannot open the index database: \(error)")
        }
        self.embedder = embedder
        self.knowledgeBase = knowledgeBase
        let (builtState, rebuilt) = try Self.openOrBuild(database, knowledgeBase: knowledgeBase, embedder: embedder)
        let count = builtState.documents.count
        state = Mutex(builtState)
        let elapsed = ContinuousClock.now - start
        buildInfo = BuildInfo(rebuilt: rebuilt, documentCount: count,
                              seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    /// Number of documents (exercises, principles sections, templates, imported exercises).
    public var documentCount: Int { state.withLock { $0.documents.count } }

    /// The content hash stored in the index.
    public func storedContentHash() throws -> String? {
        try database.read { db in try Self.meta("content_hash", db) }
    }

    /// A name matcher over every exercise in the index, imported ones included.
    ///
    /// - Parameter embedding: adds the embedding stage using this index's embedder.
    public func exerciseNameMatcher(embedding: Bool = true, threshold: Double = 0.85) throws -> ExerciseNameMatcher {
        let entries = state.withLock { $0.matcher.entries }
        return try ExerciseNameMatcher(entries: entries, embedder: embedding ? embedder : nil, threshold: threshold)
    }

    /// Search results for `query`; see `SearchQuery` for filters and modes.
    public func search(_ query: SearchQuery) throws -> [SearchHit] {
        try runSearch(query)
    }
}
