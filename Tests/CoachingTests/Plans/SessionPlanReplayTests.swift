import Foundation
import Knowledge
import SpotterApp
import SpotterTestSupport
import Testing
@testable import Coaching

/// The planner's exercise choice replayed on the shared Hevy export, session by session with no
/// future data: planned as of each session's start (default time, no muscles asked), how many of
/// the planned exercises the lifter did that day (precision), beside the trivial baseline — the
/// lifter's most frequent exercises so far, as many as the plan has. The planner was not tuned on
/// this log (the routine model's thresholds were set on its first half); figures on the second half.
@Suite struct SessionPlanReplayTests {
    static let catalog = CoachingCatalog(knowledgeBase: try! KnowledgeBase.load(directory: repositoryRoot().appendingPathComponent("knowledge")))

    @Test func replay_planner_beatsTheMostFrequentExercisesBaseline() throws {
        let sessions = try HevyTestReader.sessions(at: sharedData("logs/hevy_export_sample.csv"))
        let catalog = Self.catalog
        let planner = SessionPlanner(recommender: ExerciseRecommender(catalog: catalog.exercises), resolveName: { catalog.id(forName: $0) })
        let profile = UserProfile(experience: .intermediate, goal: .hypertrophy, daysPerWeek: 4)
        var planHits = 0, planCount = 0, baseHits = 0, baseCount = 0
        for s in sessions[(sessions.count / 2)...] {
            let asOf = s.date.addingTimeInterval(-60)
            let past = sessions.filter { $0.date < asOf }
            let done = Set(s.exercises.map(\.loggedName))
            let plan = planner.plan(SessionPlanRequest(), profile: profile, sessions: past, checkIns: [], asOf: asOf)
            planHits += plan.exercises.filter { done.contains($0.name) }.count
            planCount += plan.exercises.count
            var frequency: [String: Int] = [:]
            for p in past { for e in Set(p.exercises.map(\.loggedName)) { frequency[e, default: 0] += 1 } }
            let top = frequency.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(plan.exercises.count).map(\.key)
            baseHits += top.filter(done.contains).count
            baseCount += top.count
        }
        let planner_ = Double(planHits) / Double(max(1, planCount)), baseline = Double(baseHits) / Double(max(1, baseCount))
        print("session plan replay, hevy second half: precision planner \(String(format: "%.3f", planner_)) (\(planHits)/\(planCount)), "
            + "most-frequent baseline \(String(format: "%.3f", baseline)) (\(baseHits)/\(baseCount))")
        #expect(planner_ > baseline)
    }
}
