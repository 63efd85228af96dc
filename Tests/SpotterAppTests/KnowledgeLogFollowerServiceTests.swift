import Foundation
import Knowledge
import Logging
import ServiceLifecycle
import SpotterTestSupport
import Store
import Testing
@testable import SpotterApp

/// The knowledge-log follower stops with the daemon however early the daemon stops (it used to
/// hang now and then when stopped right after starting), and still applies changes meanwhile.
@Suite(.serialized) struct KnowledgeLogFollowerServiceTests {
    static let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }()

    /// An in-memory index of the repository's knowledge base (hashing embedder: fast).
    static let index: Result<KnowledgeIndex, any Error> = Result {
        let base = try KnowledgeBase.load(directory: repositoryRoot().appendingPathComponent("knowledge"))
        return try KnowledgeIndex(path: nil, knowledgeBase: base, embedder: HashingEmbedder())
    }

    enum Stop: CaseIterable {
        case cancel, gracefulShutdown
    }

    /// Runs a service group of the loader (loading `index` on its thread) and the follower, as
    /// the daemon does, stops it `after` the given delay, and reports whether it ended in time.
    static func stopsInTime(store: any RecordStore, stop: Stop, after delay: Duration?, loadTakes: Duration) async throws -> Bool {
        let index = try Self.index.get()
        let loadable = Loadable<KnowledgeIndex>(name: "the knowledge index")
        let loader = LoaderService(loadable, logger: logger) {
            Thread.sleep(forTimeInterval: Double(loadTakes.components.attoseconds) * 1e-18 + Double(loadTakes.components.seconds))
            return index
        }
        let follower = KnowledgeLogFollowerService(follower: KnowledgeLogFollower(store: store, index: loadable, logger: logger),
                                                   pollInterval: .milliseconds(20))
        let group = ServiceGroup(services: [loader, follower], logger: logger)
        return await finishes(within: 20) {
            let running = Task { try? await group.run() }
            if let delay { try? await Task.sleep(for: delay) }
            switch stop {
            case .cancel: running.cancel()
            case .gracefulShutdown: await group.triggerGracefulShutdown()
            }
            await running.value
        }
    }

    @Test(arguments: Stop.allCases)
    func follower_stoppedRightAfterStarting_orLater_alwaysStops(stop: Stop) async throws {
        let store = try SpotterStore.inMemory()
        let delays: [Duration?] = [nil, .zero, .milliseconds(1), .milliseconds(5), .milliseconds(30)]
        for round in 0..<60 {
            let delay = delays[round % delays.count]
            let stopped = try await Self.stopsInTime(store: store, stop: stop, after: delay, loadTakes: .milliseconds(round % 3 == 0 ? 0 : 10))
            #expect(stopped, "round \(round): the follower did not stop (\(stop), after \(delay.map { "\($0)" } ?? "no delay"))")
            if !stopped { return }
        }
    }

    @Test(arguments: Stop.allCases)
    func follower_onPostgres_listening_stoppedAtAnyMoment_alwaysStops(stop: Stop) async throws {
        let url = try ThrowawayPostgres.createDatabase(prefix: "follower")
        let store = try await DatabaseOption(url, dataDirectory: URL(fileURLWithPath: "/nonexistent")).open(logger: Self.logger)
        let delays: [Duration?] = [nil, .zero, .milliseconds(2), .milliseconds(20), .milliseconds(100)]
        for round in 0..<20 {
            let delay = delays[round % delays.count]
            let stopped = try await Self.stopsInTime(store: store, stop: stop, after: delay, loadTakes: .zero)
            #expect(stopped, "round \(round): the follower did not stop (\(stop), after \(delay.map { "\($0)" } ?? "no delay"))")
            if !stopped { break }
        }
        try await store.close()
    }

    @Test func follower_appliesAChangeLoggedWhileItRuns_thenStopsOnCancellation() async throws {
        let store = try SpotterStore.inMemory()
        let base = try KnowledgeBase.load(directory: repositoryRoot().appendingPathComponent("knowledge"))
        let index = try KnowledgeIndex(path: nil, knowledgeBase: base, embedder: HashingEmbedder())
        let loadable = Loadable<KnowledgeIndex>(name: "the knowledge index")
        loadable.resolve(index)
        let service = KnowledgeLogFollowerService(follower: KnowledgeLogFollower(store: store, index: loadable, logger: Self.logger),
                                                  pollInterval: .milliseconds(20))
        let running = Task { try await service.run() }
        let payload = #"[{"id": "Zz_Row", "name": "Quibblex Row", "level": "beginner", "equipment": "cable", "category": "strength", "primaryMuscles": ["lats"], "secondaryMuscles": [], "instructions": ["Row."]}]"#
        let edit = KnowledgeEdit.importExercises(try FreeExerciseDB.parse(Data(payload.utf8)))
        _ = try await store.appendKnowledgeChange(kind: .importExercises, payload: try edit.payload())
        #expect(await waitUntil(seconds: 10) { ((try? index.appliedChangeSequence()) ?? 0) >= 1 }, "the follower never applied the logged import")
        #expect(try index.search(SearchQuery("Quibblex", mode: .bm25, limit: 3)).first?.id == "quibblex-row")
        running.cancel()
        #expect(await finishes(within: 10) { _ = try? await running.value })
    }
}
