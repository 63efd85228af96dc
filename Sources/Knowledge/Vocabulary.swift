/// The controlled vocabularies of the knowledge base. They are free-exercise-db's, so that
/// imported exercises line up with ours without translation.

/// The 17 muscle groups of free-exercise-db.
public enum Muscle: String, CaseIterable, Sendable, Codable, Hashable {
    case abdominals, abductors, adductors, biceps, calves, chest, forearms, glutes, hamstrings,
         lats, lowerBack = "lower back", middleBack = "middle back", neck, quadriceps, shoulders,
         traps, triceps
}

/// Equipment an exercise needs (free-exercise-db vocabulary; `body only` is bodyweight).
public enum Equipment: String, CaseIterable, Sendable, Codable, Hashable {
    case barbell, dumbbell, cable, machine, kettlebells, bands
    case bodyOnly = "body only"
    case medicineBall = "medicine ball"
    case exerciseBall = "exercise ball"
    case foamRoll = "foam roll"
    case ezCurlBar = "e-z curl bar"
    case other

    /// Parses what people type: `bodyweight`, `kettlebell`, `band`, `ez bar`, or a raw value.
    public init?(userInput: String) {
        let s = userInput.lowercased().trimmingCharacters(in: .whitespaces)
        if let e = Equipment(rawValue: s) { self = e; return }
        switch s {
        case "bodyweight", "body weight", "none", "no equipment": self = .bodyOnly
        case "kettlebell", "kb": self = .kettlebells
        case "band", "resistance band", "resistance bands": self = .bands
        case "ez bar", "ez-bar", "ez curl bar", "e-z bar": self = .ezCurlBar
        case "dumbbells", "db": self = .dumbbell
        case "machines": self = .machine
        case "cables": self = .cable
        default: return nil
        }
    }
}

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
