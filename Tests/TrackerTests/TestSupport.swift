import Foundation
import SpotterTestSupport
@testable import Tracker

/// The committed fixture images and ground truth (test resources).
enum Fixtures {
    static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static var truthFiles: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory.appendingPathComponent($0) }
    }
}

/// A small stand-in for the knowledge base's name matcher (test double; the product uses Knowledge's).
struct TestExerciseMatcher: ExerciseNameMatching {
    static let catalogue: [String: (id: String, name: String)] = [
        "bench press": ("Barbell_Bench_Press", "Barbell Bench Press"),
        "squat": ("Barbell_Squat", "Barbell Squat"),
        "deadlift": ("Barbell_Deadlift", "Barbell Deadlift"),
        "push-ups": ("Pushups", "Pushups"),
        "pushups": ("Pushups", "Pushups"),
        "pull-ups": ("Pullups", "Pullups"),
        "burpees": ("Burpee", "Burpee"),
        "overhead press": ("Standing_Military_Press", "Standing Military Press"),
        "barbell row": ("Bent_Over_Barbell_Row", "Bent Over Barbell Row"),
    ]

    func match(_ name: String) -> ExerciseMatch? {
        Self.catalogue[name.lowercased()].map { ExerciseMatch(id: $0.id, name: $0.name, score: 1) }
    }
}
