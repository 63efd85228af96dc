import Foundation
import PostgresNIO
import SpotterTestSupport
import Synchronization
import Testing
@testable import PostgresStore
@testable import Store

/// The shared knowledge log (issue #16 item 2): operator changes to the knowledge base, recorded
/// in order by the store so that every daemon replays them into its own index.
@Suite struct KnowledgeLogTests {
    @Test(arguments: Engine.allCases) func append_returnsIncreasingSequences_andChangesAfterReadsThemInOrder(engine: Engine) async throws {
        let store = try await engine.openStore()
        #expect(try await store.knowledgeChanges(after: 0, limit: 10).isEmpty)
        let first = try await store.appendKnowledgeChange(kind: .importExercises, payload: #"[{"a":1}]"#,
                                                          at: Date(timeIntervalSince1970: 1_000))
        let second = try await store.appendKnowledgeChange(kind: .removeImported, payload: "zorblax-press",
                                                           at: Date(timeIntervalSince1970: 2_000))
        #expect(second > first)
        let all = try await store.knowledgeChanges(after: 0, limit: 10)
        #expect(all == [
            KnowledgeLogEntry(sequence: first, kind: .importExercises, payload: #"[{"a":1}]"#, recordedAt: Date(timeIntervalSince1970: 1_000)),
            KnowledgeLogEntry(sequence: second, kind: .removeImported, payload: "zorblax-press", recordedAt: Date(timeIntervalSince1970: 2_000)),
        ])
        #expect(try await store.knowledgeChanges(after: first, limit: 10).map(\.sequence) == [second])
        #expect(try await store.knowledgeChanges(after: second, limit: 10).isEmpty)
        #expect(try await store.knowledgeChanges(after: 0, limit: 1).map(\.sequence) == [first])
    }

    @Test(arguments: Engine.allCases) func append_fromTwoStoresAtOnce_keepsEveryChange_inOneOrder(engine: Engine) async throws {
        let (a, b) = try await SharedStoreTests().twoStores(engine)
        let sequences = try await withThrowingTaskGroup(of: Int64.self) { group in
            for i in 0..<16 {
                let store = i.isMultiple(of: 2) ? a : b
                group.addTask { try await store.appendKnowledgeChange(kind: .removeImported, payload: "id-\(i)") }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(Set(sequences).count == 16)
        let seen = try await b.knowledgeChanges(after: 0, limit: 100)
        #expect(seen.map(\.sequence) == sequences.sorted())
        #expect(Set(seen.map(\.payload)) == Set((0..<16).map { "id-\($0)" }))
    }

    @Test func watch_onPostgres_isWokenByAnotherStoresAppend() async throws {
        let (a, b) = try await SharedStoreTests().twoStores(.postgres)
        let wakeups = Counter()
        let watcher = Task { try await b.watchKnowledgeChanges { wakeups.increment() } }
        defer { watcher.cancel() }
        #expect(await waitUntil(seconds: 10) { wakeups.value >= 1 }, "a watch wakes once when it starts listening")
        let before = wakeups.value
        _ = try await a.appendKnowledgeChange(kind: .removeImported, payload: "x")
        #expect(await waitUntil(seconds: 10) { wakeups.value > before }, "the append's NOTIFY reached the other store")
    }

    @Test func watch_onSQLite_returnsAtOnce() async throws {
        let store = try await Engine.sqlite.openStore()
        try await store.watchKnowledgeChanges { Issue.record("SQLite has no notifications") }
    }

    @Test func knowledgeChanges_withAnUnknownKind_isADatabaseError() async throws {
        let store = try SpotterStore.inMemory()
        _ = try await store.appendKnowledgeChange(kind: .removeImported, payload: "x")
        // A newer daemon's kind: the migration's CHECK is dropped to simulate it.
        try await store.writer.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE knowledge_changes SET kind = 'rename'")
        }
        await #expect(throws: StoreError.self) { try await store.knowledgeChanges(after: 0, limit: 5) }
    }
}
