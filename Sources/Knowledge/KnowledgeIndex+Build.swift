import Checksum
import Foundation
import GRDB

extension KnowledgeIndex {
    /// Loads the stored documents when the content hash matches, else rebuilds them from the
    /// knowledge base and replays the import log.
    static func openOrBuild(_ database: any DatabaseWriter, knowledgeBase: KnowledgeBase, embedder: any TextEmbedder)
        throws -> (state: State, rebuilt: Bool)
    {
        do {
            return try database.write { db in
                if try meta("schema_version", db) != schemaVersion {
                    try dropSchema(db)
                }
                try createSchema(db)
                try setMeta("schema_version", schemaVersion, db)
                let expected = try contentHash(knowledgeBase: knowledgeBase, embedder: embedder, db)
                var state = State(matcher: try ExerciseNameMatcher(entries: []))
                if try meta("content_hash", db) == expected {
                    for (doc, rowid, vector) in try loadDocuments(db, dimension: embedder.dimension) {
                        state.append(doc, rowid: rowid, vector: vector)
                    }
                    return (state, false)
                }
                try db.execute(sql: "DELETE FROM document_fts; DELETE FROM document_muscle; DELETE FROM document;")
                let docs = knowledgeBase.exercises.map { KnowledgeDocument(exercise: $0) }
                    + knowledgeBase.principles.map(KnowledgeDocument.init(principle:))
                    + knowledgeBase.templates.map(KnowledgeDocument.init(template:))
                let vectors = try embedder.embedChecked(docs.map(\.embeddingText))
                for (doc, vector) in zip(docs, vectors) {
                    state.append(doc, rowid: try insert(doc, vector: vector, db), vector: vector)
                }
                let log = try String.fetchAll(db, sql: "SELECT payload FROM imported_exercise ORDER BY rowid")
                let decoder = JSONDecoder()
                let items = try log.map { try decoder.decode(ImportedExercise.self, from: Data($0.utf8)) }
                _ = try apply(items, record: false, embedder: embedder, state: &state, db)
                try setMeta("content_hash", expected, db)
                return (state, true)
            }
        } catch let error as KnowledgeError {
            throw error
        } catch {
            throw KnowledgeError(.index, "cannot build the knowledge index: \(error)")
        }
    }

    /// SHA-256 over the schema version, the knowledge files, the embedder and the import log.
    static func contentHash(knowledgeBase: KnowledgeBase, embedder: any TextEmbedder, _ db: Database) throws -> String {
        var h = SHA256()
        h.update("schema \(schemaVersion)\n")
        h.update("knowledge \(knowledgeBase.contentHash)\n")
        h.update("embedder \(embedder.embedderIdentity) \(embedder.dimension)\n")
        for row in try Row.fetchAll(db, sql: "SELECT source, external_id, payload FROM imported_exercise ORDER BY rowid") {
            let source: String = row["source"], id: String = row["external_id"], payload: String = row["payload"]
            h.update("import \(source) \(id) \(payload)\n")
        }
        return h.finalizeHex()
    }

    /// Merges external exercises: already-imported ids are skipped, names the index already
    /// knows (exact, alias or normalised match) become aliases of that exercise, the rest are
    /// added as new documents. With `record`, each outcome is appended to the import log.
    static func apply(_ items: [ImportedExercise], record: Bool, embedder: any TextEmbedder,
                      state: inout State, _ db: Database) throws -> ImportReport
    {
        var report = ImportReport()
        var pending: [KnowledgeDocument] = []
        var pendingPosition: [String: Int] = [:]
        var seen = Set<String>()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for item in items {
            let key = "\(item.source)\u{1F}\(item.externalID)"
            if record {
                let known = try Bool.fetchOne(db, sql: "SELECT 1 FROM imported_exercise WHERE source = ? AND external_id = ?",
                                              arguments: [item.source, item.externalID]) ?? false
                if known || seen.contains(key) { report.skipped += 1; continue }
            }
            seen.insert(key)
            var item = item
            let outcome: String
            if let id = state.matcher.matchLexically(item.exercise.name).id {
                outcome = "merged"
                report.merged += 1
                report.merges[item.exercise.name] = id
                state.matcher.addAlias(item.exercise.name, toID: id)
                if let p = pendingPosition[id] {
                    if !pending[p].aliases.contains(item.exercise.name) { pending[p].aliases.append(item.exercise.name) }
                } else if let p = state.position[id], state.documents[p].title != item.exercise.name,
                          !state.documents[p].aliases.contains(item.exercise.name) {
                    state.documents[p].aliases.append(item.exercise.name)
                    try updateAliases(rowid: state.rowids[p], state.documents[p], db)
                }
                item.exercise.id = id
            } else {
                outcome = "added"
                report.added += 1
                var id = item.exercise.id.isEmpty ? "imported" : item.exercise.id
                var n = 2
                while state.position[id] != nil || pendingPosition[id] != nil {
                    id = "\(item.exercise.id)-\(n)"
                    n += 1
                }
                item.exercise.id = id
                let doc = KnowledgeDocument(exercise: item.exercise, source: item.source)
                pendingPosition[id] = pending.count
                pending.append(doc)
                state.matcher.add(.init(id: id, name: doc.title, aliases: doc.aliases, equipment: doc.equipment))
            }
            if record {
                let payload = String(decoding: try encoder.encode(item), as: UTF8.self)
                try db.execute(sql: """
                    INSERT INTO imported_exercise(source, external_id, document_id, outcome, payload) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [item.source, item.externalID, item.exercise.id, outcome, payload])
            }
        }
        let vectors = try embedder.embedChecked(pending.map(\.embeddingText))
        for (doc, vector) in zip(pending, vectors) {
            let rowid = try insert(doc, vector: vector, db)
            // The matcher already knows the pending documents; add only to the other mirrors.
            state.position[doc.id] = state.documents.count
            state.documents.append(doc)
            state.rowids.append(rowid)
            state.matrix.append(contentsOf: vector)
        }
        return report
    }
}
