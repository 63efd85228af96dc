import Foundation

extension OverloadRules {
    /// The next session's target straight from the log: computes only what the rules need (this
    /// exercise's features, 7-day recovery, the hard-week run), not the whole `TrainingFeatures`.
    public func suggest(exerciseId: String, sessions: [WorkoutSession], checkIns: [CheckIn] = [], asOf: Date,
                        profile: UserProfile, calendar: Calendar = Calendar(identifier: .gregorian)) throws -> OverloadSuggestion {
        let past = sessions.filter { $0.date <= asOf }
        guard let ex = ExerciseFeatures.compute(exerciseId: exerciseId, sessions: past, asOf: asOf) else {
            throw CoachingError.noHistory(exercise: exerciseId)
        }
        let recovery = TrainingFeatures.recoveryFeatures(checkIns.filter { $0.date <= asOf }.sorted { $0.date < $1.date }, asOf: asOf)
        let hard = TrainingFeatures.hardWeeks(past, asOf: asOf, calendar: calendar)
        return suggest(exercise: ex, recovery: recovery, hardWeeks: hard, profile: profile)
    }
}
