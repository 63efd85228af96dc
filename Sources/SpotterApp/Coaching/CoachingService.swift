import Coaching
import Foundation
import Logging
import Store

/// The grounding models behind the coaching endpoints and the chat's grounding: reads a user's
/// history (`UserHistoryReader`) and runs the `Coaching` models on it. `CoachingRoutes` and
/// `CoachingGroundingProvider` call it.
///
/// ```swift
/// let coaching = CoachingService(store: store, catalog: CoachingCatalog(knowledgeBase: kb),
///                                nextWorkout: lstm, similarity: { a, b in cosine(a, b) })
/// let target = try await coaching.overload(user: "ana", exercise: "barbell-back-squat")
/// ```
public final class CoachingService: Sendable {
    public let store: any RecordStore
    public let catalog: CoachingCatalog
    public let rules: OverloadRules
    public let recommender: ExerciseRecommender
    public let programs: ProgramRecommender
    /// The next-workout LSTM, loaded (or trained once) in the background at start-up.
    public let nextWorkoutModel: Loadable<NextWorkoutPredictor>
    /// Resolves a free-form exercise name to a knowledge id (the knowledge index's matcher), when loaded.
    let resolveName: @Sendable (String) -> String?
    /// Reads users' histories (one store read per request, adapted sessions cached).
    public let historyReader: UserHistoryReader
    /// Per-user overload calibrations and suggestion outcomes, cached under each log's version.
    public let calibrations: UserCalibrations
    /// Refits a user's calibration in the background after a write of theirs commits (a
    /// `Service`: the daemon runs it beside the server; `workoutsCommitted(user:)` feeds it).
    public let refits: CalibrationRefits

    /// - Parameters:
    ///   - similarity: text similarity for the program recommender (the daemon passes
    ///     sentence-embedding cosine).
    ///   - resolveName: optional name → knowledge id resolution beyond exact names and aliases.
    ///   - historySource: where histories are read from (default: `store`).
    ///   - calibrations: the per-user calibration cache (tests inject one that counts fits).
    ///   - logger: where failed background refits are reported.
    public init(store: any RecordStore, catalog: CoachingCatalog, nextWorkout: Loadable<NextWorkoutPredictor>,
                similarity: @escaping ProgramRecommender.Similarity, rules: OverloadRules = OverloadRules(),
                resolveName: @escaping @Sendable (String) -> String? = { _ in nil }, maxSessions: Int = 1000,
                historySource: (any UserHistorySource)? = nil, calibrations: UserCalibrations = UserCalibrations(),
                logger: Logger = Logger(label: "spotter.coaching")) {
        self.store = store
        self.catalog = catalog
        self.rules = rules
        self.recommender = ExerciseRecommender(catalog: catalog.exercises)
        self.programs = ProgramRecommender(templates: catalog.templates, similarity: similarity)
        self.nextWorkoutModel = nextWorkout
        self.resolveName = resolveName
        let reader = UserHistoryReader(source: historySource ?? StoreHistorySource(store: store), catalog: catalog, maxSessions: maxSessions)
        self.historyReader = reader
        self.calibrations = calibrations
        self.refits = CalibrationRefits(calibrations: calibrations, base: rules, history: { try await reader.read(user: $0) }, logger: logger)
    }

    /// A write of `user`'s workouts committed in this daemon (`POST /workouts`, an import, the
    /// user's deletion): their overload calibration is refitted in the background now, so their
    /// next overload request reads it from the cache (`CalibrationRefits`). Returns at once.
    public func workoutsCommitted(user: String) {
        refits.committed(user: user)
    }

    /// Everything the models read about one user, adapted.
    public typealias History = UserHistory

    /// Reads the user's profile, their last `maxSessions` sessions and 60 check-ins in one store
    /// read. Throws a not-found store error for an unknown user.
    public func history(user: String) async throws -> History {
        try await historyReader.read(user: user)
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
