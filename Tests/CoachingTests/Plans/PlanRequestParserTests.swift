import Foundation
import Testing
@testable import Coaching

@Suite struct PlanRequestParserTests {
    @Test func parse_dumbbellOnlyFortyFiveMinutes_readsMinutesAndEquipment() {
        let r = PlanRequestParser.parse("Give me a 45-minute dumbbell-only session")
        #expect(r.minutes == 45)
        #expect(r.equipment == ["dumbbell"])
        #expect(r.muscles.isEmpty)
        #expect(r.painSites.isEmpty)
    }

    @Test func parse_legDayKneeHurts_readsLegMusclesAndTheKnee() {
        let r = PlanRequestParser.parse("leg day, my knee hurts")
        #expect(r.muscles == [.quadriceps, .hamstrings, .glutes, .calves])
        #expect(r.split == "legs")
        #expect(r.painSites == ["knee"])
        #expect(r.minutes == nil)
        #expect(r.equipment == nil)
    }

    @Test func parse_lowerBackPain_isASiteNotLegDay() {
        let r = PlanRequestParser.parse("Plan an upper body workout, my lower back is sore")
        #expect(r.painSites == ["lower back"])
        #expect(!r.muscles.contains(.quadriceps))
        #expect(r.muscles.contains(.chest) && r.muscles.contains(.lats))
    }

    @Test func parse_aHurtingShoulder_isNotAMuscleToTrain() {
        let r = PlanRequestParser.parse("What should I train today? My shoulder hurts")
        #expect(r.painSites == ["shoulder"])
        #expect(r.muscles.isEmpty)
    }

    @Test func parse_hoursAndWords_becomeMinutes() {
        #expect(PlanRequestParser.parse("an hour at the gym, plan my workout").minutes == 60)
        #expect(PlanRequestParser.parse("I have half an hour for a session").minutes == 30)
        #expect(PlanRequestParser.parse("1.5 hours, full body workout").minutes == 90)
        #expect(PlanRequestParser.parse("a 30 min workout").minutes == 30)
        #expect(PlanRequestParser.parse("a 5 minute workout").minutes == 10)   // clamped to 10–180
    }

    @Test func parse_noEquipment_isBodyweight_andNegatedEquipmentIsLeftOut() {
        #expect(PlanRequestParser.parse("a workout with no equipment at home").equipment == ["body only"])
        #expect(PlanRequestParser.parse("I have kettlebells and bands, plan a session").equipment == ["kettlebells", "bands"])
        #expect(PlanRequestParser.parse("plan a session, no barbell today, just dumbbells").equipment == ["dumbbell"])
    }

    @Test func asksForSession_sessionRequests_areSessions() {
        for m in ["Plan my workout for today", "a 45-minute dumbbell-only session", "leg day, my knee hurts",
                  "What should I train today?", "Give me a quick push day", "Build me a full body workout"] {
            #expect(PlanRequestParser.asksForSession(m), "\(m)")
        }
    }

    @Test func asksForSession_questionsAndMultiDayPlans_areNot() {
        for m in ["How has my squat progressed?", "Plan my week of training", "Write me a 12-week program",
                  "Should I deload?", "What's a good 4-day split?", "Why is my bench stalling?",
                  "Give me a tip for my bench press", "How long should a workout last?", "Why is my session so long?"] {
            #expect(!PlanRequestParser.asksForSession(m), "\(m)")
        }
    }
}
