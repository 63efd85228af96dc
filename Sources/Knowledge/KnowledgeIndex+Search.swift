import Foundation
import GRDB

extension KnowledgeIndex {
    /// BM25 column weights: title, aliases, muscles, body.
    static let bm25Weights = (title: 10.0, aliases: 6.0, muscles: 2.0, body: 1.0)
    /// How deep each ranker's list goes before fusion.
    static let fusionDepth = 50

    func runSearch(_ query: SearchQuery) throws -> [SearchHit] {
        guard query.limit > 0 else { return [] }
        let snapshot = state.withLock { $0 }
        switch query.mode {
        case .bm25:
            return try bm25(query, snapshot, limit: query.limit).compactMap { hit(snapshot, $0.id, $0.score) }
        case .dense:
            return try dense(query, snapshot, limit: query.limit).compactMap { hit(snapshot, $0.id, $0.score) }
        case .hybrid:
            let depth = max(query.limit, Self.fusionDepth)
            let lexical = try bm25(query, snapshot, limit: depth).map(\.id)
            let semantic = try dense(query, snapshot, limit: depth).map(\.id)
            return ReciprocalRankFusion.fuse([lexical, semantic]).prefix(query.limit).compactMap { hit(snapshot, $0.id, $0.score) }
        }
    }

    /// nil for a document committed by an import after `s` was taken (BM25 reads the database).
    private func hit(_ s: State, _ id: String, _ score: Double) -> SearchHit? {
        guard let p = s.position[id] else { return nil }
        let d = s.documents[p]
        return SearchHit(id: d.id, kind: d.kind, title: d.title, text: d.body, score: score, source: d.source)
    }

    /// FTS5 BM25 with the filters applied in SQL, then the exercise whose name or alias the
    /// query *is* (exact, alias or normalised match, e.g. "lat pulldown", "Squat (Barbell)") moved
    /// to the top: FTS5 normalises BM25 by the length of the whole row, so on its own it cannot
    /// tell "Lat Pulldown" from "Single-Arm Lat Pulldown".
    func bm25(_ q: SearchQuery, _ s: State, limit: Int) throws -> [(id: String, score: Double)] {
        var ranked = try ftsBM25(q, limit: limit)
        if let id = s.matcher.matchLexically(q.text).id, let p = s.position[id], q.admits(s.documents[p]) {
            ranked.removeAll { $0.id == id }
            ranked.insert((id: id, score: (ranked.first?.score ?? 0) + 1), at: 0)
            if ranked.count > limit { ranked.removeLast() }
        }
        return ranked
    }

    /// FTS5 BM25 with the filters applied in SQL. Every value is bound; the MATCH text is a list
    /// of quoted words built by `FTSPattern`.
    func ftsBM25(_ q: SearchQuery, limit: Int) throws -> [(id: String, score: Double)] {
        guard let pattern = FTSPattern.make(q.text) else { return [] }
        let kinds = q.hasExerciseFilters ? q.kinds.intersection([.exercise]) : q.kinds
        func json<T: RawRepresentable>(_ set: Set<T>) -> String? where T.RawValue == String {
            json(set.map(\.rawValue))
        }
        func json(_ values: [String]) -> String? {
            values.isEmpty ? nil : "[" + values.map { "\"\($0)\"" }.sorted().joined(separator: ",") + "]"
        }
        let w = Self.bm25Weights
        let arguments: StatementArguments = [
            "pattern": pattern, "kinds": json(kinds) ?? "[]", "muscles": json(q.muscles),
            "equipment": json(q.equipment), "levels": json(q.levels.map(\.catalogName)), "categories": json(q.categories),
            "wt": w.title, "wa": w.aliases, "wm": w.muscles, "wb": w.body, "limit": limit,
        ]
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT d.id AS id, bm25(document_fts, :wt, :wa, :wm, :wb) AS rank
                    FROM document_fts JOIN document d ON d.rowid = document_fts.rowid
                    WHERE document_fts MATCH :pattern
                      AND d.kind IN (SELECT value FROM json_each(:kinds))
                      AND (:muscles IS NULL OR EXISTS (
                            SELECT 1 FROM document_muscle m
                            WHERE m.document_rowid = d.rowid AND m.is_primary = 1
                              AND m.muscle IN (SELECT value FROM json_each(:muscles))))
                      AND (:equipment IS NULL OR d.equipment IN (SELECT value FROM json_each(:equipment)))
                      AND (:levels IS NULL OR d.level IN (SELECT value FROM json_each(:levels)))
                      AND (:categories IS NULL OR d.category IN (SELECT value FROM json_each(:categories)))
                    ORDER BY rank LIMIT :limit
                    """, arguments: arguments).map { row in
                    let rank: Double = row["rank"]
                    let id: String = row["id"]
                    return (id: id, score: -rank)
                }
            }
        } catch {
            throw KnowledgeError(.index, "the BM25 query failed: \(error)")
        }
    }

    /// Cosine similarity against every admitted document (rows are normalised: cosine = dot).
    func dense(_ q: SearchQuery, _ s: State, limit: Int) throws -> [(id: String, score: Double)] {
        let text = q.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return [] }
        let v = try embedder.embedChecked([text])[0]
        let d = embedder.dimension
        var scored: [(Int, Float)] = []
        s.matrix.withUnsafeBufferPointer { m in
            v.withUnsafeBufferPointer { qv in
                for (i, doc) in s.documents.enumerated() where q.admits(doc) {
                    var dot: Float = 0
                    let base = i * d
                    for j in 0..<d { dot += m[base + j] * qv[j] }
                    scored.append((i, dot))
                }
            }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return scored.prefix(limit).map { (id: s.documents[$0.0].id, score: Double($0.1)) }
    }
}
