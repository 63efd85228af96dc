import Foundation

extension OverloadRules {
    /// The next session's target straight from the log: computes only what the rules need (this
    /// exercise's features and 7-day recovery), not the whole `TrainingFeatures`.
    ///
    /// `exerciseId` may be a name as logged ("Triceps Pushdown (Cable)") or a knowledge id. Progress is
    /// tracked per name as logged: a knowledge id resolves to the variant of it logged most recently
    /// (see `ExerciseFeatures.resolve`). Sessions after `asOf` are ignored.
    public func suggest(exerciseId: String, sessions: [WorkoutSession], checkIns: [CheckIn] = [], asOf: Date,
                        profile: UserProfile, calendar: Calendar = Calendar(identifier: .gregorian)) throws -> OverloadSuggestion {
        let past = sessions.filter { $0.date <= asOf }
        guard let ex = ExerciseFeatures.resolve(exercise: exerciseId, sessions: past, asOf: asOf) else {
            throw CoachingError.noHistory(exercise: exerciseId)
        }
        let recovery = TrainingFeatures.recoveryFeatures(checkIns.filter { $0.date <= asOf }.sorted { $0.date < $1.date }, asOf: asOf)
        let lastSession = past.map(\.date).max()
        return suggest(exercise: ex, recovery: recovery, profile: profile, asOf: asOf,
                       trainingBreakDays: lastSession.map { asOf.timeIntervalSince($0) / 86_400 })
    }
}

extension ExerciseFeatures {
    /// One exercise's history as logged: `exercise` is a name as written (exact, then case-insensitive)
    /// or a knowledge id (the most recently logged name carrying it). Nil when the log has neither.
    public static func resolve(exercise: String, sessions: [WorkoutSession], asOf: Date = .distantFuture) -> ExerciseFeatures? {
        var exactName = false, foldedName: String?, byId: (Date, String)?
        let folded = exercise.lowercased()
        for s in sessions where s.date <= asOf {
            for e in s.exercises {
                if e.loggedName == exercise { exactName = true }
                else if foldedName == nil, e.loggedName.lowercased() == folded { foldedName = e.loggedName }
                if e.exerciseId == exercise, !e.workingSets.isEmpty, byId.map({ s.date >= $0.0 }) ?? true { byId = (s.date, e.loggedName) }
            }
        }
        guard let name = exactName ? exercise : foldedName ?? byId?.1 else { return nil }
        return compute(loggedName: name, sessions: sessions, asOf: asOf)
    }
}
