import Coaching
import Foundation
import SpotterTestSupport
import GRDB
import Knowledge
@testable import Server
@testable import SpotterApp
import Store

/// The repository's knowledge base and its Coaching catalog, loaded once.
let testKnowledgeBase: KnowledgeBase = try! KnowledgeBase.load(directory: repositoryRoot().appendingPathComponent("knowledge"))
let testCatalog = CoachingCatalog(knowledgeBase: testKnowledgeBase)

/// Word-overlap (Jaccard) similarity: a test double for the daemon's sentence-embedding cosine.
let wordOverlap: ProgramRecommender.Similarity = { a, b in
    let x = Set(CoachingCatalog.normalize(a).split(separator: " ")), y = Set(CoachingCatalog.normalize(b).split(separator: " "))
    return x.isEmpty || y.isEmpty ? 0 : Float(x.intersection(y).count) / Float(x.union(y).count)
}

/// A coaching service over an in-memory store. The LSTM is a seeded, untrained model (its
/// outputs are still a softmax over 7 types), resolved at once.
func makeCoaching() throws -> CoachingService {
    let store = try SpotterStore(writer: DatabaseQueue())
    let lstm = Loadable<NextWorkoutPredictor>(name: "the next-workout model")
    lstm.resolve(NextWorkoutPredictor(model: NextWorkoutLSTM(seed: 7)))
    return CoachingService(store: store, catalog: testCatalog, nextWorkout: lstm, similarity: wordOverlap)
}

/// Midday UTC, `daysAgo` days before `now`.
func day(_ daysAgo: Int, before now: Date) -> Date { now.addingTimeInterval(-Double(daysAgo) * 86_400) }

/// A session of one exercise with `sets` working sets of `kg` × `reps` at `rpe`.
func session(_ name: String, id: String? = nil, at date: Date, kg: Double, reps: Int, rpe: Double?, sets: Int = 3,
             title: String = "Push") -> NewWorkout {
    NewWorkout(title: title, startedAt: date, exercises: [
        WorkoutExercise(name: name, exerciseID: id, sets: [WorkoutSet(type: .warmup, weightKg: kg / 2, reps: 10)]
            + Array(repeating: WorkoutSet(type: .normal, weightKg: kg, reps: reps, rpe: rpe), count: sets)),
    ])
}

/// The status an error becomes over HTTP.
func httpStatus(_ error: any Error) -> Int { APIError.translate(error).status.code }
