import Agents
import Foundation
import HTTPClient
import Knowledge
import LanguageModel
import LLM
import Logging
import Store
import Vocabulary
import Synchronization
import SpotterTestSupport
import Testing
@testable import Server
@testable import SpotterApp

/// Shared helpers of the chat tests: the model files, and one
/// in-process daemon with the REAL embedded SmolLM2 model on a real Unix socket, started once
/// for every chat test (each start loads the model).
enum ChatFixture {
    /// When ana's seeded bench session happened: two days before the tests run (midday UTC).
    static let anaSessionDate: Date = UTCDay(Date()).start.addingTimeInterval(-2 * 86_400 + 12 * 3600)
    /// That day, `YYYY-MM-DD`, also the day of her check-in.
    static var anaDay: String { UTCDay(anaSessionDate).text }
    static var agentsFile: URL { repositoryRoot().appendingPathComponent("agents.yaml") }
    static var modelFile: URL { repositoryRoot().appendingPathComponent("models/SmolLM2-135M-Instruct.Q4_1.gguf") }
    static var encoderDirectory: URL { repositoryRoot().appendingPathComponent("models/all-MiniLM-L6-v2") }

    /// Generations the shared daemon runs at once, and how many more may wait.
    static let maxConcurrent = 1
    static let maxQueued = 1
    static let retryAfter = 3

    private static let started = StartOnce()

    /// The shared daemon, started on first use.
    static func daemon() async throws -> ChatDaemon { try await started.daemon() }
}

private actor StartOnce {
    private var task: Task<ChatDaemon, any Error>?
    func daemon() async throws -> ChatDaemon {
        if let task { return try await task.value }
        let task = Task { try await ChatDaemon.start() }
        self.task = task
        return try await task.value
    }
}

/// A daemon serving chat, assembled by the daemon's own `assemble(store:options:logger:)`: store
/// in a private directory, `agents.yaml` and `knowledge/` from the repository, grounding by the
/// Coaching models, the embedded backend over SmolLM2 with a small generation limit, users `ana`
/// (kg, with a workout and a check-in) and `bo` (lb). The knowledge index is not built, so chats
/// run the "answer without passages" path; the background loaders (the LSTM) are not run, so the
/// grounding leaves the next-workout prediction out. Every history read is counted.
struct ChatDaemon: Sendable {
    let socket: String
    let store: SpotterStore
    let historyReads: CountingHistorySource
    /// What `assemble` built (the chat service, to warm its prefixes in tests).
    let services: SpotterServices

    static func start() async throws -> ChatDaemon {
        let dir = try makeShortTemporaryDirectory(prefix: "spc")
        let configuration = ServerConfiguration(socketPath: dir + "/s.sock", dataDirectory: URL(fileURLWithPath: dir + "/data"),
                                                handlesSignals: false, logLevel: .critical)
        let store = try SpotterStore.open(directory: configuration.dataDirectory)
        let model = try LlamaModel(path: ChatFixture.modelFile.path, threads: 2)
        let backend = EmbeddedChatBackend(model: model, maxConcurrent: ChatFixture.maxConcurrent,
                                          maxQueued: ChatFixture.maxQueued, retryAfterSeconds: ChatFixture.retryAfter)
        let reads = CountingHistorySource(store: store)
        let options = AssemblyOptions(
            resources: SpotterResources(root: repositoryRoot()), dataDirectory: configuration.dataDirectory,
            disabled: [.tracker], chatBackend: backend,
            // Few-shot turns are left out to keep prompts short (prefill dominates on a shared
            // 2-core machine); the full prompts are covered by AgentsTests' prompt assembly tests.
            adjustAgents: { agents in for name in agents.agentNames { agents.agents[name]?.fewShot = [] } },
            buildsKnowledgeIndex: false, historySource: reads)
        var logger = Logger(label: "spotter.test")
        logger.logLevel = .critical
        let services = try assemble(store: store, options: options, logger: logger)
        let server = SpotterServer(configuration: configuration, context: ServerContext(services: services), services: [])
        Task { try await server.run() }
        let daemon = ChatDaemon(socket: configuration.socketPath, store: store, historyReads: reads, services: services)
        try await daemon.waitUntilHealthy()
        try await daemon.seedUsers()
        return daemon
    }

    func seedUsers() async throws {
        _ = try await store.saveUser(UserProfile(id: "ana", age: 31, bodyweightKg: 62, units: .kg, experience: .intermediate, goal: .strength, daysPerWeek: 4))
        _ = try await store.saveUser(UserProfile(id: "bo", units: .lb))
        // Recent (two days ago), so the overload rules see a lifter in training, not one back from a break.
        _ = try await store.saveWorkout(NewWorkout(title: "Upper", startedAt: ChatFixture.anaSessionDate, exercises: [
            WorkoutExercise(name: "Bench Press (Barbell)", sets: [WorkoutSet(weightKg: 50, reps: 5, rpe: 8), WorkoutSet(weightKg: 50, reps: 5, rpe: 8.5)]),
        ]), user: "ana")
        _ = try await store.saveCheckin(CheckIn(date: ChatFixture.anaSessionDate, sleepHours: 7.5, soreness: 3, energy: 7, stress: 4), user: "ana")
    }

    func waitUntilHealthy() async throws { try await SocketClient(socket: socket).waitUntilHealthy() }

    /// POSTs a JSON object and returns the whole response.
    func post(_ path: String, _ object: [String: Any]) async throws -> HTTPResponse {
        try await CurlHTTPClient().send(HTTPRequest(method: "POST", url: "http://localhost" + path,
                                                    headers: [("Content-Type", "application/json")],
                                                    body: try JSONSerialization.data(withJSONObject: object),
                                                    unixSocket: socket, totalTimeout: .seconds(300)))
    }

    /// POSTs a JSON object and collects the streamed response: status, headers, and its
    /// server-sent events in order.
    func postStream(_ path: String, _ object: [String: Any]) async throws -> (status: Int, headers: [String: String], events: [ServerSentEvent], body: Data) {
        let request = HTTPRequest(method: "POST", url: "http://localhost" + path, headers: [("Content-Type", "application/json")],
                                  body: try JSONSerialization.data(withJSONObject: object), unixSocket: socket, totalTimeout: .seconds(300))
        var parser = ServerSentEventParser()
        var status = 0
        var headers: [String: String] = [:]
        var events: [ServerSentEvent] = []
        var body = Data()
        for try await piece in CurlHTTPClient().stream(request) {
            switch piece {
            case .head(let s, let h): (status, headers) = (s, h)
            case .body(let data):
                body.append(data)
                events += parser.feed(data)
            }
        }
        return (status, headers, events, body)
    }
}

extension HTTPResponse {
    var chatObject: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
    var chatErrorCode: String? { (chatObject["error"] as? [String: Any])?["code"] as? String }

    func chatHeader(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}

/// The store's history reads, counted (a chat request must read the user's history once).
final class CountingHistorySource: UserHistorySource {
    let store: SpotterStore
    private let counts = Mutex<[String: Int]>([:])

    init(store: SpotterStore) { self.store = store }

    /// How many times `user`'s history was read.
    func reads(of user: String) -> Int { counts.withLock { $0[user] ?? 0 } }

    func userHistory(user: String, maxSessions: Int, checkinLimit: Int, knownSessions: Set<Int64>) async throws -> StoredUserHistory? {
        counts.withLock { $0[user, default: 0] += 1 }
        return try await store.userHistory(user: user, maxSessions: maxSessions, checkinLimit: checkinLimit, knownSessions: knownSessions)
    }
}
