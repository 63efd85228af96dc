import Foundation
import Knowledge
import Logging
import ServiceLifecycle
import SpotterTestSupport
import Store
import Testing
@testable import Server
@testable import SpotterApp

/// Imported exercises are shared (issue #16 item 2): an operator's import or removal through one
/// daemon's admin socket is committed to the shared knowledge log and reaches every other
/// daemon's local index within seconds (LISTEN/NOTIFY, with a poll as the safety net); a daemon
/// with a fresh data directory rebuilds the imports from the store.
///
/// The daemons run in this process, each with its own sockets, its own connection pool to one
/// throwaway PostgreSQL database, its own index file and its own follower; the index uses a test
/// embedder (the real encoder takes half a minute per index in a debug build).
@Suite(.serialized) struct SharedKnowledgeTests {
    typealias Embedder = KnowledgeAdminSocketTests.WordHashEmbedder

    static let file = Data(#"""
        [{"id": "Zz_Shared", "name": "Quibblex Row", "level": "beginner", "equipment": "cable", "category": "strength",
          "primaryMuscles": ["lats"], "secondaryMuscles": [], "instructions": ["Row the quibblex."]},
         {"id": "Zz_Other", "name": "Frobnitz Curl", "level": "beginner", "equipment": "dumbbell", "category": "strength",
          "primaryMuscles": ["biceps"], "secondaryMuscles": [], "instructions": ["Curl."]}]
        """#.utf8)

    /// A daemon on `database` whose data (and index file) live in `dataDirectory`; `body` gets
    /// its app socket, its admin socket and its index once the index is open.
    static func withKnowledgeDaemon<T: Sendable>(database: String, dataDirectory: String,
                                                 _ body: @escaping @Sendable (SocketClient, SocketClient, KnowledgeIndex) async throws -> T) async throws -> T {
        let run = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: run) }
        var configuration = ServerConfiguration(socketPath: run + "/s.sock", dataDirectory: URL(fileURLWithPath: dataDirectory),
                                                handlesSignals: false, logLevel: .critical)
        configuration.adminSocketPath = run + "/a.sock"
        let store = try await DatabaseOption(database, dataDirectory: configuration.dataDirectory).open(logger: Logger(label: "test"))
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let base = try KnowledgeBase.load(directory: repositoryRoot().appendingPathComponent("knowledge"))
        let index = try KnowledgeIndex(path: dataDirectory + "/knowledge.sqlite", knowledgeBase: base, embedder: Embedder())
        let loadable = Loadable<KnowledgeIndex>(name: "the knowledge index")
        loadable.resolve(index)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let follower = KnowledgeLogFollower(store: store, index: loadable, logger: logger)
        let services = SpotterServices(store: store, knowledge: loadable, knowledgeChanges: KnowledgeChanges(store: store, follower: follower),
                                       background: [KnowledgeLogFollowerService(follower: follower)])
        let server = SpotterServer(configuration: configuration, context: ServerContext(services: services))
        let app = SocketClient(socket: configuration.socketPath)
        let admin = SocketClient(socket: run + "/a.sock")
        // Stopped as `spotter serve` stops on SIGTERM: graceful shutdown of its service group
        // (here from an outer group), not by cancelling its task.
        let daemon = ServiceGroup(configuration: .init(services: [.init(service: ServerService(server: server))], logger: logger))
        let outcome: Result<T, any Error>
        do { outcome = .success(try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await daemon.run()
                return nil
            }
            group.addTask {
                try await app.waitUntilHealthy()
                return try await body(app, admin, index)
            }
            var result: T?
            do {
                while let next = try await group.next() {
                    if let next {
                        result = next
                        await daemon.triggerGracefulShutdown()
                    }
                }
            } catch {
                await daemon.triggerGracefulShutdown()
                throw error
            }
            return try #require(result)
        }) } catch { outcome = .failure(error) }
        try? await store.close()
        return try outcome.get()
    }

    static func finds(_ client: SocketClient, _ query: String, id: String) async -> Bool {
        guard let r = try? await client.send("GET", "/v1/knowledge/search?q=\(query)&mode=bm25") else { return false }
        return (r.object["hits"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true
    }

    @Test func importThroughOneDaemon_isFoundThroughTheOther_andRemovalDisappears_andAFreshDataDirectoryRebuilds() async throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let url = try ThrowawayPostgres.createDatabase(prefix: "knowledge")
        try await Self.withKnowledgeDaemon(database: url, dataDirectory: dir + "/a") { _, adminA, _ in
            try await Self.withKnowledgeDaemon(database: url, dataDirectory: dir + "/b") { appB, adminB, indexB in
                #expect(!(await Self.finds(appB, "Quibblex", id: "quibblex-row")))
                let imported = try await adminA.send("POST", "/v1/knowledge/import?format=free-exercise-db", body: Self.file)
                #expect(imported.status == 200, "\(imported.text)")
                #expect(imported.object["added"] as? Int == 2)
                let acknowledged = ContinuousClock.now
                #expect(await waitUntil(seconds: 20) { await Self.finds(appB, "Quibblex", id: "quibblex-row") },
                        "daemon B never found the exercise imported through A")
                let noticed = ContinuousClock.now - acknowledged
                print("shared knowledge: daemon B's search found A's acknowledged import after \(noticed)")

                let removed = try await adminA.send("DELETE", "/v1/knowledge/exercises/frobnitz-curl")
                #expect(removed.status == 200, "\(removed.text)")
                #expect(await waitUntil(seconds: 20) { !(await Self.finds(appB, "Frobnitz", id: "frobnitz-curl")) },
                        "the removal through A never reached B")
                let applied = try indexB.appliedChangeSequence()
                #expect(applied >= 2)
                // A second removal of the same id, now through B, is refused before anything is recorded.
                #expect(try await adminB.send("DELETE", "/v1/knowledge/exercises/frobnitz-curl").status == 404)
            }
        }
        // A daemon with a fresh data directory replays the log: the import is there, the removal too.
        try await Self.withKnowledgeDaemon(database: url, dataDirectory: dir + "/c") { appC, _, indexC in
            #expect(await waitUntil(seconds: 20) { ((try? indexC.appliedChangeSequence()) ?? 0) >= 2 },
                    "a fresh data directory did not replay the shared knowledge log")
            #expect(await Self.finds(appC, "Quibblex", id: "quibblex-row"))
            #expect(!(await Self.finds(appC, "Frobnitz", id: "frobnitz-curl")))
        }
        // B restarted on its own data directory resumes after what it applied: nothing is replayed.
        try await Self.withKnowledgeDaemon(database: url, dataDirectory: dir + "/b") { appB, _, indexB in
            let before = try indexB.appliedChangeSequence()
            #expect(before >= 2)
            #expect(await Self.finds(appB, "Quibblex", id: "quibblex-row"))
            #expect(!(await Self.finds(appB, "Frobnitz", id: "frobnitz-curl")))
        }
    }

    @Test func sqlite_importIsRecordedInTheStore_anUnappliedChangeIsPolled_andAFreshIndexReplaysTheLog() async throws {
        let dir = try makeShortTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let base = try KnowledgeBase.load(directory: repositoryRoot().appendingPathComponent("knowledge"))
        let store = try SpotterStore.inMemory()
        func changes(indexAt path: String) throws -> (KnowledgeChanges, KnowledgeIndex) {
            let index = try KnowledgeIndex(path: path, knowledgeBase: base, embedder: Embedder())
            let loadable = Loadable<KnowledgeIndex>(name: "the knowledge index")
            loadable.resolve(index)
            return (KnowledgeChanges(store: store, follower: KnowledgeLogFollower(store: store, index: loadable, logger: Logger(label: "test"))), index)
        }
        let (first, index) = try changes(indexAt: dir + "/one.sqlite")
        let report = try await first.importExercises(try FreeExerciseDB.parse(Self.file))
        #expect(report.added == 2)
        #expect(try await store.knowledgeChanges(after: 0, limit: 10).map(\.kind) == [.importExercises])
        #expect(try index.search(SearchQuery("Quibblex", mode: .bm25, limit: 3)).first?.id == "quibblex-row")
        await #expect(throws: KnowledgeError.self) { try await first.removeImported(id: "barbell-bench-press") }
        #expect(try await store.knowledgeChanges(after: 0, limit: 10).count == 1, "a refused removal records nothing")

        // A change in the log that this index has not applied (its apply failed after the commit,
        // say) is picked up by the follower service's poll.
        let (_, polled) = try changes(indexAt: dir + "/polled.sqlite")
        let loadable = Loadable<KnowledgeIndex>(name: "the knowledge index")
        loadable.resolve(polled)
        let service = KnowledgeLogFollowerService(follower: KnowledgeLogFollower(store: store, index: loadable, logger: Logger(label: "test")),
                                                  pollInterval: .milliseconds(100))
        let running = Task { try await service.run() }
        #expect(await waitUntil(seconds: 10) { ((try? polled.appliedChangeSequence()) ?? 0) >= 1 })
        _ = try await store.appendKnowledgeChange(kind: .removeImported, payload: "quibblex-row")
        #expect(await waitUntil(seconds: 10) { ((try? polled.appliedChangeSequence()) ?? 0) >= 2 }, "the poll never applied the removal")
        #expect(try polled.search(SearchQuery("Quibblex", mode: .bm25, limit: 3)).isEmpty)
        running.cancel()
        try await running.value

        let (second, rebuilt) = try changes(indexAt: dir + "/two.sqlite")
        #expect(try rebuilt.search(SearchQuery("Frobnitz", mode: .bm25, limit: 3)).isEmpty)
        try await second.follower.catchUp()
        #expect(try rebuilt.search(SearchQuery("Quibblex", mode: .bm25, limit: 3)).isEmpty, "imported, then removed")
        #expect(try rebuilt.search(SearchQuery("Frobnitz", mode: .bm25, limit: 3)).first?.id == "frobnitz-curl")
    }
}

/// A daemon run as one service of an outer group, so that a test can stop it the way SIGTERM does.
private struct ServerService: Service {
    let server: SpotterServer
    func run() async throws { try await server.run() }
}
