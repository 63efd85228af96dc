import Agents
import Knowledge
import Logging
import ServiceLifecycle
import Store
import Tracker

/// Everything the daemon serves, built by `assemble(store:options:logger:)`: one typed field per
/// service, so the compiler (not a lookup table) checks that what a service needs was built
/// before it. A field is nil when the daemon runs without that capability
/// (`spotter serve --disable NAME`); its routes then answer 503.
public struct SpotterServices: Sendable {
    /// Users, workouts, check-ins, conversations.
    public let store: any RecordStore
    /// The knowledge index (hybrid search), built or opened in the background.
    public let knowledge: Loadable<KnowledgeIndex>?
    /// The operator's knowledge imports and removals, through the shared knowledge log (nil
    /// without the knowledge capability).
    public let knowledgeChanges: KnowledgeChanges?
    /// Exercise-name matching against the knowledge base (imports, tracker), ready with the index.
    public let nameResolver: Loadable<any ExerciseNameResolving>?
    /// The grounding models behind the coaching endpoints and the chat's grounding.
    public let coaching: CoachingService?
    /// Image → tracker JSON.
    public let tracker: TrackerService?
    /// The agents.
    public let chat: ChatService?
    /// Long-lived parts (model loaders, SIGHUP reload) that run beside the HTTP server.
    public let background: [any Service]

    /// - Parameter knowledgeChanges: defaults to changes through `store`'s knowledge log into
    ///   `knowledge` (with no follower service: each change catches the index up itself).
    public init(store: any RecordStore, knowledge: Loadable<KnowledgeIndex>? = nil, knowledgeChanges: KnowledgeChanges? = nil,
                nameResolver: Loadable<any ExerciseNameResolving>? = nil, coaching: CoachingService? = nil,
                tracker: TrackerService? = nil, chat: ChatService? = nil, background: [any Service] = []) {
        self.store = store
        self.knowledge = knowledge
        self.knowledgeChanges = knowledgeChanges ?? knowledge.map {
            KnowledgeChanges(store: store, follower: KnowledgeLogFollower(store: store, index: $0, logger: Logger(label: "spotter.knowledge")))
        }
        self.nameResolver = nameResolver
        self.coaching = coaching
        self.tracker = tracker
        self.chat = chat
        self.background = background
    }

    /// Tells the composition that a write of `user`'s workouts has committed in this daemon: a
    /// `POST /workouts`, an import, or the user's deletion. The routes call it right after the
    /// store acknowledges; it returns at once and starts what depends on the log in the background
    /// (the overload calibration's refit, `CoachingService.workoutsCommitted(user:)`). Writes by
    /// another daemon on a shared PostgreSQL database do not come through here: their effects are
    /// computed on the next request instead.
    public func workoutsCommitted(user: String) {
        coaching?.workoutsCommitted(user: user)
    }

    /// Name → `loading`, `ready` or `failed: reason` of every part loaded in the background
    /// (for `/v1/health`).
    public func statuses() -> [String: String] {
        var out: [String: String] = [:]
        let parts: [(any StatusReporting)?] = [knowledge, nameResolver, coaching?.nextWorkoutModel]
        for case let part? in parts { out[part.name] = part.status }
        return out
    }
}

/// A part whose readiness `/v1/health` shows (`Loadable` conforms).
public protocol StatusReporting: Sendable {
    var name: String { get }
    var status: String { get }
}
