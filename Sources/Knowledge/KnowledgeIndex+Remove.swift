import Foundation
import GRDB

/// What `KnowledgeIndex.removeImported(id:)` removed.
public struct RemovalReport: Sendable, Codable, Hashable {
    /// The knowledge id asked for.
    public var id: String
    /// True when the exercise itself came from an import and is gone (document, search rows,
    /// vector); false when a curated exercise stayed and only lost imported aliases.
    public var documentRemoved: Bool
    /// Names that no longer match this id.
    public var aliasesRemoved: [String]
    /// Rows of the import log dropped (a later import of the same file adds them again).
    public var importEntriesRemoved: Int

    public init(id: String, documentRemoved: Bool = false, aliasesRemoved: [String] = [], importEntriesRemoved: Int = 0) {
        self.id = id
        self.documentRemoved = documentRemoved
        self.aliasesRemoved = aliasesRemoved
        self.importEntriesRemoved = importEntriesRemoved
    }

    enum CodingKeys: String, CodingKey {
        case id, documentRemoved = "document_removed", aliasesRemoved = "aliases_removed"
        case importEntriesRemoved = "import_entries_removed"
    }
}

extension KnowledgeIndex {
    /// Removes what imports put under the knowledge id `id`, in one transaction.
    ///
    /// - An exercise an import added: its document, search-index rows (FTS, muscles, vector),
    ///   the aliases later imports merged into it, and its import-log rows are removed.
    /// - A curated exercise (from `knowledge/`) stays; it loses the aliases imports gave it (back
    ///   to the aliases its file declares) and the import-log rows that made them.
    ///
    /// - Throws: `KnowledgeError` `.notFound` when no document has this id; `.curated` when it is
    ///   curated and imports put nothing under it.
    public func removeImported(id: String) throws -> RemovalReport {
        try mutate(during: "the removal") { state, db in
            try Self.remove(id: id, knowledgeBase: knowledgeBase, dimension: embedder.dimension, state: &state, db)
        }
    }

    /// Throws what `removeImported(id:)` would throw (`.notFound`, `.curated`) without changing
    /// anything; lets a caller validate a removal before recording it in the shared log.
    public func checkRemovable(id: String) throws {
        let current = state.withLock { $0 }
        do {
            _ = try database.read { db in try Self.removalTarget(id: id, state: current, db) }
        } catch let error as KnowledgeError {
            throw error
        } catch {
            throw KnowledgeError(.index, "cannot read the index: \(error)")
        }
    }

    /// The document's position and its import-log row count, or the reason it cannot be removed.
    static func removalTarget(id: String, state: State, _ db: Database) throws -> (position: Int, entries: Int) {
        guard let p = state.position[id] else {
            throw KnowledgeError(.notFound, "no knowledge entry has the id '\(id.prefix(80))'; search for it to find its id")
        }
        let doc = state.documents[p]
        let entries = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM imported_exercise WHERE document_id = ?", arguments: [id]) ?? 0
        if doc.source == "knowledge", entries == 0 {
            throw KnowledgeError(.curated, "'\(id)' is a curated \(doc.kind.rawValue) from knowledge/, not an import; only imported entries can be removed (edit knowledge/ to change curated ones)")
        }
        return (p, entries)
    }

    static func remove(id: String, knowledgeBase: KnowledgeBase, dimension: Int, state: inout State, _ db: Database) throws -> RemovalReport {
        let (p, entries) = try removalTarget(id: id, state: state, db)
        let doc = state.documents[p]
        var report = RemovalReport(id: id, importEntriesRemoved: entries)
        if doc.source == "knowledge" {
            let declared = knowledgeBase.exercises.first { $0.id == id }?.aliases ?? []
            report.aliasesRemoved = doc.aliases.filter { !declared.contains($0) }
            state.documents[p].aliases = doc.aliases.filter { declared.contains($0) }
            try updateAliases(rowid: state.rowids[p], state.documents[p], db)
        } else {
            report.documentRemoved = true
            report.aliasesRemoved = [doc.title] + doc.aliases
            let rowid = state.rowids[p]
            try db.execute(sql: "DELETE FROM document_fts WHERE rowid = ?", arguments: [rowid])
            try db.execute(sql: "DELETE FROM document_muscle WHERE document_rowid = ?", arguments: [rowid])
            try db.execute(sql: "DELETE FROM document WHERE rowid = ?", arguments: [rowid])
            state.remove(at: p, dimension: dimension)
        }
        try db.execute(sql: "DELETE FROM imported_exercise WHERE document_id = ?", arguments: [id])
        var matcher = try ExerciseNameMatcher(entries: [])
        for d in state.documents where d.kind == .exercise {
            matcher.add(.init(id: d.id, name: d.title, aliases: d.aliases, equipment: d.equipment))
        }
        state.matcher = matcher
        return report
    }
}

extension KnowledgeIndex.State {
    /// Drops the document at `p` from every mirror (the matcher is rebuilt by the caller).
    mutating func remove(at p: Int, dimension: Int) {
        documents.remove(at: p)
        rowids.remove(at: p)
        matrix.removeSubrange(p * dimension..<(p + 1) * dimension)
        position = Dictionary(uniqueKeysWithValues: documents.enumerated().map { ($1.id, $0) })
    }
}
