import Coaching
import Foundation
import Store
import Synchronization

/// The grounding models behind the coaching endpoints and the chat's grounding: reads a user's
/// profile, log and check-ins from the store, adapts them (`CoachingInputs`) and runs the
/// `Coaching` models. Registered in the daemon's capabilities; `CoachingRoutes` and
/// `CoachingGroundingProvider` call it.
///
/// ```swift
/// let coaching = CoachingService(store: store, catalog: CoachingCatalog(knowledgeBase: kb),
///                                nextWorkout: lstm, similarity: { a, b in cosine(a, b) })
/// let target = try await coaching.overload(user: "ana", exercise: "barbell-back-squat")
/// ```
public final class CoachingService: Sendable {
    public let store: SpotterStore
    public let catalog: CoachingCatalog
    public let rules: OverloadRules
    public let recommender: ExerciseRecommender
    public let programs: ProgramRecommender
    /// The next-workout LSTM, loaded (or trained once) in the background at start-up.
    public let nextWorkoutModel: Loadable<NextWorkoutPredictor>
    /// Resolves a free-form exercise name to a knowledge id (the knowledge index's matcher), when loaded.
    let resolveName: @Sendable (String) -> String?
    /// At most this many most recent sessions are read per request.
    public let maxSessions: Int
    /// Per user: the adapted log and the key it was read under (newest session id, session
    /// count, check-ins), so a request re-reads the log only after it changed.
    private let logCache = Mutex<[String: (key: String, workouts: [StoredWorkout], sessions: [WorkoutSession])]>([:])

    /// - Parameters:
    ///   - similarity: text similarity for the program recommender (the daemon passes
    ///     sentence-embedding cosine).
    ///   - resolveName: optional name → knowledge id resolution beyond exact names and aliases.
    public init(store: SpotterStore, catalog: CoachingCatalog, nextWorkout: Loadable<NextWorkoutPredictor>,
                similarity: @escaping ProgramRecommender.Similarity, rules: OverloadRules = OverloadRules(),
                resolveName: @escaping @Sendable (String) -> String? = { _ in nil }, maxSessions: Int = 1000) {
        self.store = store
        self.catalog = catalog
        self.rules = rules
        self.recommender = ExerciseRecommender(catalog: catalog.exercises)
        self.programs = ProgramRecommender(templates: catalog.templates, similarity: similarity)
        self.nextWorkoutModel = nextWorkout
        self.resolveName = resolveName
        self.maxSessions = maxSessions
    }

    /// Everything the models read about one user, adapted.
    public struct History: Sendable {
        public var stored: Store.UserProfile
        public var profile: Coaching.UserProfile
        /// Oldest first.
        public var workouts: [StoredWorkout]
        /// Oldest first.
        public var sessions: [WorkoutSession]
        /// Oldest first.
        public var checkIns: [CheckIn]
        public var latestCheckin: Checkin?
    }

    /// Reads the user's profile, their last `maxSessions` sessions and 60 check-ins.
    /// Throws a 404 store error for an unknown user. The log is cached per user and re-read only
    /// when a session was added (newest id or count changed).
    public func history(user: String) async throws -> History {
        guard let stored = try await store.user(id: user) else { throw StoreError.userNotFound(user) }
        let checkins = try await store.recentCheckins(user: user, limit: 60)
        let newest = try await store.workouts(user: user, limit: 1, before: nil).workouts.first?.id
        let count = try await store.workoutCounts(user: user).sessions
        let key = "\(newest ?? -1)/\(count)"
        var workouts: [StoredWorkout]
        var sessions: [WorkoutSession]
        if let cached = logCache.withLock({ $0[user] }), cached.key == key {
            (workouts, sessions) = (cached.workouts, cached.sessions)
        } else {
            workouts = []
            var cursor: Int64?
            repeat {
                let page = try await store.workouts(user: user, limit: 200, before: cursor)
                workouts += page.workouts
                cursor = page.nextCursor
            } while cursor != nil && workouts.count < maxSessions
            workouts.reverse()
            sessions = CoachingInputs.sessions(workouts, catalog: catalog)
            let entry = (key: key, workouts: workouts, sessions: sessions)
            logCache.withLock { cache in
                if cache.count > 256 { cache.removeAll() }
                cache[user] = entry
            }
        }
        return History(stored: stored, profile: CoachingInputs.profile(stored, catalog: catalog), workouts: workouts,
                       sessions: sessions, checkIns: CoachingInputs.checkIns(checkins), latestCheckin: checkins.first)
    }

    /// The features over a history as of `asOf`.
    public func features(_ h: History, asOf: Date = Date()) -> TrainingFeatures {
        TrainingFeatures.compute(sessions: h.sessions, checkIns: h.checkIns, asOf: asOf)
    }

    /// The identity (knowledge id or name as written) under which `text` was logged: an identity
    /// itself, a knowledge name or alias, a name as written, or a name the matcher resolves.
    /// Nil when the user never logged it.
    public func loggedExercise(_ text: String, in h: History) -> String? {
        var raw: [String: String] = [:]   // name as written or canonical → identity
        for w in h.workouts { for e in w.workout.exercises {
            let id = CoachingInputs.exerciseIdentity(e)
            raw[e.name] = id
            if let c = e.canonicalName { raw[c] = id }
        } }
        let ids = Set(raw.values)
        if ids.contains(text) { return text }
        let key = CoachingCatalog.normalize(text)
        if let id = raw.first(where: { CoachingCatalog.normalize($0.key) == key })?.value { return id }
        if let id = catalog.id(forName: text), ids.contains(id) { return id }
        if let id = resolveName(text), ids.contains(id) { return id }
        return nil
    }
}
