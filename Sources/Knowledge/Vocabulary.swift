// The controlled vocabularies of the knowledge base. They are free-exercise-db's, so that
// imported exercises line up with ours without translation. Muscles and equipment are the
// shared `Vocabulary` target's (re-exported here).
@_exported import Vocabulary

/// Training experience an exercise or template suits.
public enum Level: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case beginner, intermediate, expert
    public static func < (a: Level, b: Level) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

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

/// Training goals program templates are written for.
public enum TrainingGoal: String, CaseIterable, Sendable, Codable, Hashable {
    case strength, hypertrophy, endurance
    case fatLoss = "fat-loss"
    case generalFitness = "general-fitness"
}

import Foundation
