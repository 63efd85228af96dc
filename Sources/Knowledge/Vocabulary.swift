// The controlled vocabularies of the knowledge base. They are free-exercise-db's, so that
// imported exercises line up with ours without translation. Muscles and equipment are the
// shared `Vocabulary` target's (re-exported here), and so are levels (`ExperienceLevel`, read and
// written here in the catalog spelling `beginner|intermediate|expert`) and template goals
// (`TrainingGoal`, catalog spelling `strength|hypertrophy|endurance|fat-loss|general-fitness`).
@_exported import Vocabulary

/// Whether an exercise moves one joint (isolation) or several (compound).
public enum Mechanic: String, CaseIterable, Sendable, Codable, Hashable {
    case compound, isolation
}

/// The main direction of effort.
public enum Force: String, CaseIterable, Sendable, Codable, Hashable {
    case push, pull, `static`
}

/// free-exercise-db's categories; mobility drills are `stretching`.
public enum ExerciseCategory: String, CaseIterable, Sendable, Codable, Hashable {
    case strength, stretching, plyometrics, powerlifting, cardio, strongman
    case olympicWeightlifting = "olympic weightlifting"
}


import Foundation
