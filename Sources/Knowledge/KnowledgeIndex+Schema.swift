import Foundation
import GRDB

// The index database (SQLite, one file; safe to delete: it is rebuilt from knowledge/ and the
// recorded imports... except the imports, which live only here):
//
//   meta(key TEXT PRIMARY KEY, value TEXT)          schema_version, content_hash
//   document(rowid, id UNIQUE, kind, source, title, aliases, body, primary_muscles,
//            secondary_muscles, equipment, level, category, embedding BLOB)
//       aliases: newline-separated; muscles: comma-separated raw values;
//       embedding: `dimension` little-endian Float32, L2-normalised
//   document_muscle(document_rowid -> document, muscle, is_primary)   for SQL filters
//   document_fts  FTS5(title, aliases, muscles, body), rowid = document.rowid,
//                 tokenizer porter over unicode61 (diacritics removed)
//   imported_exercise(rowid, source, external_id, document_id, outcome added|merged,
//                     payload JSON ImportedExercise), UNIQUE(source, external_id)
//       the import log, replayed in rowid order after a rebuild.

extension KnowledgeIndex {
    static func createSchema(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS document(
                rowid INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                source TEXT NOT NULL,
                title TEXT NOT NULL,
                aliases TEXT NOT NULL,
                body TEXT NOT NULL,
                primary_muscles TEXT NOT NULL,
                secondary_muscles TEXT NOT NULL,
                equipment TEXT,
                level TEXT,
                category TEXT,
                embedding BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS document_muscle(
                document_rowid INTEGER NOT NULL REFERENCES document(rowid) ON DELETE CASCADE,
                muscle TEXT NOT NULL,
                is_primary INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS document_muscle_by_muscle ON document_muscle(muscle, document_rowid);
            CREATE VIRTUAL TABLE IF NOT EXISTS document_fts USING fts5(
                title, aliases, muscles, body, tokenize = 'porter unicode61 remove_diacritics 2');
            CREATE TABLE IF NOT EXISTS imported_exercise(
                rowid INTEGER PRIMARY KEY,
                source TEXT NOT NULL,
                external_id TEXT NOT NULL,
                document_id TEXT NOT NULL,
                outcome TEXT NOT NULL,
                payload TEXT NOT NULL,
                UNIQUE(source, external_id));
            """)
    }

    static func dropSchema(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE IF EXISTS document_fts; DROP TABLE IF EXISTS document_muscle;
            DROP TABLE IF EXISTS document; DROP TABLE IF EXISTS imported_exercise; DROP TABLE IF EXISTS meta;
            """)
    }

    static func meta(_ key: String, _ db: Database) throws -> String? {
        guard try db.tableExists("meta") else { return nil }
        return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }

    static func setMeta(_ key: String, _ value: String, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    static func insert(_ doc: KnowledgeDocument, vector: [Float], _ db: Database) throws -> Int64 {
        let blob = vector.withUnsafeBufferPointer { Data(buffer: $0) }
        try db.execute(sql: """
            INSERT INTO document(id, kind, source, title, aliases, body, primary_muscles, secondary_muscles,
                                 equipment, level, category, embedding)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [doc.id, doc.kind.rawValue, doc.source, doc.title, doc.aliases.joined(separator: "\n"), doc.body,
                             doc.primaryMuscles.map(\.rawValue).joined(separator: ","),
                             doc.secondaryMuscles.map(\.rawValue).joined(separator: ","),
                             doc.equipment?.rawValue, doc.level?.catalogName, doc.category?.rawValue, blob])
        let rowid = db.lastInsertedRowID
        try db.execute(sql: "INSERT INTO document_fts(rowid, title, aliases, muscles, body) VALUES (?, ?, ?, ?, ?)",
                       arguments: [rowid, doc.title, doc.aliases.joined(separator: "\n"), doc.muscleText, doc.body])
        for (muscles, primary) in [(doc.primaryMuscles, 1), (doc.secondaryMuscles, 0)] {
            for m in muscles {
                try db.execute(sql: "INSERT INTO document_muscle(document_rowid, muscle, is_primary) VALUES (?, ?, ?)",
                               arguments: [rowid, m.rawValue, primary])
            }
        }
        return rowid
    }

    static func updateAliases(rowid: Int64, _ doc: KnowledgeDocument, _ db: Database) throws {
        let aliases = doc.aliases.joined(separator: "\n")
        try db.execute(sql: "UPDATE document SET aliases = ? WHERE rowid = ?", arguments: [aliases, rowid])
        try db.execute(sql: "DELETE FROM document_fts WHERE rowid = ?", arguments: [rowid])
        try db.execute(sql: "INSERT INTO document_fts(rowid, title, aliases, muscles, body) VALUES (?, ?, ?, ?, ?)",
                       arguments: [rowid, doc.title, aliases, doc.muscleText, doc.body])
    }

    static func loadDocuments(_ db: Database, dimension: Int) throws -> [(KnowledgeDocument, Int64, [Float])] {
        try Row.fetchAll(db, sql: """
            SELECT rowid, id, kind, source, title, aliases, body, primary_muscles, secondary_muscles,
                   equipment, level, category, embedding FROM document ORDER BY rowid
            """).map { row in
            let muscles = { (s: String) in s.split(separator: ",").compactMap { Muscle(rawValue: String($0)) } }
            let aliases: String = row["aliases"]
            let doc = KnowledgeDocument(
                id: row["id"], kind: DocumentKind(rawValue: row["kind"]) ?? .exercise, source: row["source"],
                title: row["title"], aliases: aliases.isEmpty ? [] : aliases.components(separatedBy: "\n"), body: row["body"],
                primaryMuscles: muscles(row["primary_muscles"]), secondaryMuscles: muscles(row["secondary_muscles"]),
                equipment: (row["equipment"] as String?).flatMap(Equipment.init(rawValue:)),
                level: (row["level"] as String?).flatMap(ExperienceLevel.init(catalogName:)),
                category: (row["category"] as String?).flatMap(ExerciseCategory.init(rawValue:)))
            let blob: Data = row["embedding"]
            let vector = blob.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            guard vector.count == dimension else {
                throw KnowledgeError(.index, "document \(doc.id) has a \(vector.count)-d vector; expected \(dimension); delete the index file to rebuild it")
            }
            let rowid: Int64 = row["rowid"]
            return (doc, rowid, vector)
        }
    }
}
