import Foundation
import Knowledge
import SpotterApp
import SpotterTestSupport
import Testing
@testable import Coaching

/// The planner over the daemon's own knowledge base (`knowledge/`), read as production reads it.
@Suite struct SessionPlannerTests {
    static let catalog: [CatalogExercise] = {
        let kb = try! KnowledgeBase.load(directory: repositoryRoot().appendingPathComponent("knowledge"))
        return CoachingCatalog(knowledgeBase: kb).exercises
    }()
    static let planner = SessionPlanner(recommender: ExerciseRecommender(catalog: catalog))
    static let now = t0 + 30 * day
    static func byID(_ id: String) -> CatalogExercise? { catalog.first { $0.id == id } }

    let lifter = UserProfile(units: .kg, experience: .intermediate, goal: .hypertrophy, daysPerWeek: 4,
                             equipment: ["barbell", "dumbbell", "cable", "machine"])

    @Test func plan_dumbbellOnly_usesOnlyDumbbellsOrBodyweight() {
        let p = Self.planner.plan(PlanRequestParser.parse("a 45-minute dumbbell-only session"), profile: lifter,
                                  sessions: [], checkIns: [], asOf: Self.now)
        #expect(p.exercises.count >= 4)
        #expect(p.exercises.allSatisfy { $0.equipment == "dumbbell" || $0.equipment == "body only" || $0.equipment == nil })
        #expect(p.exercises.first?.equipment == "dumbbell")
        #expect(p.minutes == 45 && p.estimatedMinutes <= 45)
    }

    @Test func plan_legDayWithKneePain_trainsLegsAndAvoidsTheKnee() throws {
        let p = Self.planner.plan(PlanRequestParser.parse("leg day, my knee hurts"), profile: lifter, sessions: [], checkIns: [],
                                  asOf: Self.now)
        #expect(!p.exercises.isEmpty)
        #expect(p.avoidedSites == ["knee"])
        let legs: Set<Muscle> = [.quadriceps, .hamstrings, .glutes, .calves]
        for e in p.exercises {
            let known = try #require(Self.byID(e.id))
            #expect(!ContraindicationRules.isContraindicated(known, site: "knee"), "\(e.name) loads the knee")
            #expect(!Set(e.primaryMuscles).isDisjoint(with: legs), "\(e.name) is not a leg exercise")
        }
        #expect(p.notes.contains { $0.contains("knee") && $0.contains("physiotherapist") })
    }

    @Test func plan_estimate_neverExceedsTheTimeAsked_andUsesMostOfIt() {
        for minutes in [15, 20, 30, 45, 60, 90] {
            let p = Self.planner.plan(SessionPlanRequest(minutes: minutes), profile: lifter, sessions: [], checkIns: [], asOf: Self.now)
            #expect(p.estimatedMinutes <= Double(minutes), "\(minutes) min")
            #expect(p.estimatedMinutes >= 0.6 * Double(minutes) || p.exercises.count == Self.planner.maxExercises, "\(minutes) min: \(p.estimatedMinutes)")
            let sum = p.warmupMinutes + p.exercises.reduce(0) { $0 + $1.minutes }
            #expect(abs(sum - p.estimatedMinutes) < 1e-9)
        }
        let short = Self.planner.plan(SessionPlanRequest(minutes: 20), profile: lifter, sessions: [], checkIns: [], asOf: Self.now)
        let long = Self.planner.plan(SessionPlanRequest(minutes: 90), profile: lifter, sessions: [], checkIns: [], asOf: Self.now)
        #expect(long.exercises.reduce(0) { $0 + $1.sets } > short.exercises.reduce(0) { $0 + $1.sets })
    }

    @Test func plan_newExercises_startByEffortWithoutALoad() {
        let p = Self.planner.plan(SessionPlanRequest(), profile: lifter, sessions: [], checkIns: [], asOf: Self.now)
        #expect(p.minutes == SessionPlanner.defaultMinutes)
        #expect(!p.exercises.isEmpty)
        for e in p.exercises {
            #expect(e.basis == .start && e.load == nil && e.targetRPE == 7 && e.repRange == 8...12)
            #expect(e.restSeconds == (e.isCompound ? 120 : 75))
        }
        // Compounds come first.
        let firstIsolation = p.exercises.firstIndex { !$0.isCompound } ?? p.exercises.count
        #expect(p.exercises[firstIsolation...].allSatisfy { !$0.isCompound })
    }

    @Test func plan_exerciseWithHistory_takesTheOverloadRulesDose() throws {
        // Three easy squat sessions at the top of the range: the rules say add load.
        let log = [squat(20, 100, 12, rpe: 7, sets: 4), squat(24, 100, 12, rpe: 7, sets: 4), squat(28, 100, 12, rpe: 7, sets: 4)]
            .map(Self.withCatalogIDs)
        let request = SessionPlanRequest(muscles: [.quadriceps])
        let p = Self.planner.plan(request, profile: lifter, sessions: log, checkIns: [], asOf: Self.now)
        let planned = try #require(p.exercises.first { $0.basis == .history })
        let expected = try OverloadRules().suggest(exerciseId: planned.id, sessions: log, asOf: Self.now, profile: lifter)
        #expect(planned.load == expected.weight && planned.load! > 100)
        #expect(planned.repRange == expected.repRange && planned.targetReps == expected.targetReps)
        #expect(planned.direction == .increase)
        #expect(planned.sets == 4)   // the lifter's usual working sets
        #expect(planned.name == "Barbell Squat")
    }

    @Test func plan_poorRecovery_takesASetOffEachExercise() {
        let tired = [CheckIn(day: UTCDay(Self.now - day), sleepHours: 4.5, soreness: 8, recordedAt: Self.now - day)]
        let rested = Self.planner.plan(SessionPlanRequest(minutes: 60), profile: lifter, sessions: [], checkIns: [], asOf: Self.now)
        let poor = Self.planner.plan(SessionPlanRequest(minutes: 60), profile: lifter, sessions: [], checkIns: tired, asOf: Self.now)
        #expect(poor.notes.contains { $0.hasPrefix("Recovery is poor") })
        for e in poor.exercises {
            if let r = rested.exercises.first(where: { $0.id == e.id }) { #expect(e.sets == max(2, r.sets - 1)) }
        }
    }

    @Test func plan_nothingFits_saysSoInsteadOfInventing() {
        let p = Self.planner.plan(SessionPlanRequest(equipment: ["machine"], muscles: [.neck], painSites: ["neck"]),
                                  profile: lifter, sessions: [], checkIns: [], asOf: Self.now)
        #expect(p.exercises.isEmpty)
        #expect(p.notes.contains { $0.contains("No exercise") })
    }

    /// The test log uses free-exercise-db ids; the daemon's catalog uses its own (`barbell-back-squat`).
    static func withCatalogIDs(_ s: WorkoutSession) -> WorkoutSession {
        var s = s
        for i in s.exercises.indices where s.exercises[i].exerciseId == "Barbell_Squat" {
            s.exercises[i].exerciseId = catalog.first { $0.name == "Barbell Back Squat" || $0.id.contains("back-squat") }?.id ?? "Barbell_Squat"
        }
        return s
    }
}
