import Foundation
import Testing
@testable import Knowledge

@Suite struct ImportTests {
    @Test func freeExerciseDB_importsOnce_andASecondImportAddsNothing() throws {
        let index = try KnowledgeIndex(path: nil, knowledgeBase: realKnowledgeBase, embedder: HashingEmbedder())
        let before = index.documentCount
        let first = try index.importFreeExerciseDB(contentsOf: freeExerciseDBFile)
        print("free-exercise-db import: \(first.added) added, \(first.merged) merged, \(first.skipped) skipped")
        #expect(first.added + first.merged + first.skipped == 873)
        #expect(first.skipped == 0)
        #expect(first.merged >= 20, "expected overlap with the knowledge base, got merges \(first.merges)")
        #expect(index.documentCount == before + first.added)

        let second = try index.importFreeExerciseDB(contentsOf: freeExerciseDBFile)
        #expect(second == ImportReport(added: 0, merged: 0, skipped: 873))
        #expect(index.documentCount == before + first.added)
    }

    @Test func freeExerciseDB_mergesExercisesTheKnowledgeBaseHas() throws {
        let index = try KnowledgeIndex(path: nil, knowledgeBase: realKnowledgeBase, embedder: HashingEmbedder())
        let report = try index.importFreeExerciseDB(contentsOf: freeExerciseDBFile)
        #expect(report.merges["Barbell Squat"] == "barbell-back-squat")
        #expect(report.merges["Barbell Deadlift"] == "deadlift")
        #expect(report.merges["Romanian Deadlift"] == "romanian-deadlift")
        // The merged name became an alias: the matcher now knows it.
        let matcher = try index.exerciseNameMatcher(embedding: false)
        #expect(matcher.matchLexically("Barbell Squat").id == "barbell-back-squat")
        // Added exercises are searchable and carry their source.
        let hit = try #require(try index.search(SearchQuery("Zercher Squats", mode: .bm25, limit: 1)).first)
        #expect(hit.source == "free-exercise-db")
    }

    @Test func parse_whenAFieldIsWrong_namesIndexAndField() throws {
        let bad = Data(#"[{"id":"X","name":"X","level":"beginner","primaryMuscles":["pecs"],"secondaryMuscles":[],"instructions":[],"category":"strength"}]"#.utf8)
        let error = try #require(throws: KnowledgeError.self) { try FreeExerciseDB.parse(bad) }
        #expect(error.field == "[0].primaryMuscles")
        let missing = Data(#"[{"id":"X","level":"beginner"}]"#.utf8)
        let error2 = try #require(throws: KnowledgeError.self) { try FreeExerciseDB.parse(missing) }
        #expect(error2.field?.contains("name") == true || error2.field?.contains("primaryMuscles") == true)
    }
}

/// A bad upload gets a sentence, never the decoder's debug text (issue #15 item 9).
@Suite struct FreeExerciseDBErrorTests {
    @Test(arguments: ["{not json", "{\"name\": \"x\"}", "", "[1, 2"])
    func parse_ofInvalidJSON_saysSoWithoutSwiftDebugText(body: String) throws {
        let error = try #require(throws: KnowledgeError.self) { try FreeExerciseDB.parse(Data(body.utf8), file: "request body") }
        #expect(error.code == .invalidData)
        let text = error.description
        for leak in ["DecodingError", "Context(", "codingPath", "debugDescription", "underlyingError", "NSCocoaErrorDomain"] {
            #expect(!text.contains(leak), "'\(text)' leaks \(leak)")
        }
        #expect(text.contains("JSON"))
    }
}
