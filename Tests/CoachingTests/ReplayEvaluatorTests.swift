import Foundation
import SpotterTestSupport
import Testing
@testable import Coaching

@Suite struct ReplayEvaluatorTests {
    @Test func hevyReader_readsTheSampleExport() throws {
        let sessions = try HevyTestReader.sessions(at: sharedData("logs/hevy_export_sample.csv"))
        #expect(sessions.count == 335)
        #expect(sessions.flatMap { $0.exercises.flatMap(\.sets) }.count == 7211)
        #expect(Set(sessions.flatMap { $0.exercises.map(\.exerciseId) }).count == 86)
    }

    /// Replays the real Hevy log through the rules and prints the agreement figures.
    @Test func replay_hevySample_agreesWithTheLifterMoreOftenThanChance() throws {
        let sessions = try HevyTestReader.sessions(at: sharedData("logs/hevy_export_sample.csv"))
        let profile = UserProfile(units: .kg, experience: .intermediate, goal: .hypertrophy)
        let report = ReplayEvaluator().evaluate(sessions: sessions, profile: profile)
        let o = report.overall
        print(String(format: "Hevy replay overall: %d comparisons, direction agreement %.1f%%, median gap %.2f kg",
                     o.comparisons, o.directionAgreement * 100, o.medianGapKg))
        for d in CoarseDirection.allCases {
            let row = o.confusion[d] ?? [:]
            print("  suggested \(d.rawValue): " + CoarseDirection.allCases.map { "\($0.rawValue) \(row[$0] ?? 0)" }.joined(separator: ", "))
        }
        for f in report.perExercise.prefix(12) {
            print(String(format: "  %-42@ n=%3d  agreement %5.1f%%  median gap %5.2f kg", f.exerciseId as NSString,
                         f.comparisons, f.directionAgreement * 100, f.medianGapKg))
        }
        #expect(o.comparisons > 1000)
        // Sane bounds: better than a coin over three directions, and loads within a few plates.
        #expect(o.directionAgreement > 0.40)
        #expect(o.medianGapKg < 5)
        #expect(report.perExercise.allSatisfy { $0.directionAgreement >= 0 && $0.directionAgreement <= 1 })
    }
}
