import Foundation

extension NextWorkoutPredictor {
    /// The next day's type for a user with a typed day history (consecutive calendar days, oldest
    /// first, ending yesterday): the LSTM's answer for the last 6 days is the prior of the user's own
    /// rhythm (`PersonalRhythm`), so it decides for a new user and the user's history takes over as it
    /// grows. Most probable first.
    public func predict(history: [WorkoutType], age: Int, level: ExperienceLevel, goal: TrainingGoal,
                        rhythm: PersonalRhythm = PersonalRhythm()) -> [(type: WorkoutType, probability: Double)] {
        let p = probabilities(history: history, age: age, level: level, goal: goal, rhythm: rhythm)
        return p.enumerated().map { (WorkoutType(rawValue: $0.offset)!, $0.element) }.sorted { $0.probability > $1.probability }
    }

    /// The blended distribution in `WorkoutType` order.
    public func probabilities(history: [WorkoutType], age: Int, level: ExperienceLevel, goal: TrainingGoal,
                              rhythm: PersonalRhythm = PersonalRhythm()) -> [Double] {
        let window = Array((Array(repeating: WorkoutType.rest, count: 6) + history).suffix(6)).map(\.rawValue)
        let prior = model.predict(days: window, features: Self.features(age: age, level: level, goal: goal))
        return rhythm.predict(days: history, prior: prior)
    }
}
