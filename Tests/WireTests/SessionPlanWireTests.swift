import Foundation
import Testing
@testable import Wire

/// The plan's wire form: every exercise key present (null when absent, as the schema requires),
/// snake_case, a lossless round trip, and the plain-words summary.
@Suite struct SessionPlanWireTests {
    static let plan = SessionPlan(
        minutes: 45, estimatedMinutes: 31.5, warmupMinutes: 5, unit: "kg", equipment: nil, muscles: ["quadriceps"], avoid: ["knee"],
        exercises: [
            .init(id: "leg-extension", name: "Leg Extension (Machine)", equipment: "machine", primaryMuscles: ["quadriceps"], sets: 3,
                  reps: .init(min: 8, max: 12), targetReps: 8, load: 75, targetRPE: nil, restSeconds: 75, minutes: 6.6,
                  basis: "history", direction: "deload", rule: "return_after_break", reasons: ["back after a break"]),
            .init(id: "glute-bridge", name: "Glute Bridge", equipment: "body only", primaryMuscles: ["glutes"], sets: 3,
                  reps: .init(min: 10, max: 10), targetReps: 10, load: nil, targetRPE: 7, restSeconds: 120, minutes: 7,
                  basis: "start", direction: nil, rule: nil, reasons: []),
        ],
        notes: ["Exercises that load the knee are left out."])

    @Test func encode_writesEveryExerciseKey_withNulls_andOmitsAbsentEquipment() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.plan)) as? [String: Any])
        #expect(object["equipment"] == nil)
        #expect(object["estimated_minutes"] as? Double == 31.5)
        let start = try #require((object["exercises"] as? [[String: Any]])?.last)
        #expect(Set(start.keys) == ["id", "name", "equipment", "primary_muscles", "sets", "reps", "target_reps", "load", "target_rpe",
                                    "rest_seconds", "minutes", "basis", "direction", "rule", "reasons"])
        #expect(start["load"] is NSNull && start["direction"] is NSNull)
    }

    @Test func roundTrip_isLossless() throws {
        #expect(try JSONDecoder().decode(SessionPlan.self, from: JSONEncoder().encode(Self.plan)) == Self.plan)
    }

    @Test func summary_namesEachExerciseWithItsDose() {
        #expect(Self.plan.summary == "45-minute session: 1. Leg Extension (Machine) 3 × 8–12 at 75 kg; "
            + "2. Glute Bridge 3 × 10 (a load you could lift 3 more times). Rest 75 s–2 min between sets.")
    }

    static func meta(plan: SessionPlan?) -> ChatMeta {
        ChatMeta(conversation: "c_1", agent: "planner", routing: RoutingDecision(agent: "planner", method: .explicit, score: 1, reason: "asked"),
                 grounding: GroundingReport(facts: [], lastCheckIn: nil), citations: [], model: "m", backend: "embedded", plan: plan)
    }

    @Test func chatAnswers_carryThePlanOnlyWhenThereIsOne_andCompletionsAsAnExtensionField() throws {
        let m = Self.meta(plan: Self.plan)
        let response = ChatResponse(conversation: m.conversation, agent: m.agent, routing: m.routing, reply: "Here it is.",
                                    grounding: m.grounding, citations: [], checks: [], usage: Usage(promptTokens: 1, completionTokens: 1),
                                    timings: Timings(), model: "m", backend: "embedded", plan: Self.plan)
        let completion = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(OpenAIChatCompletion(response))) as? [String: Any])
        #expect(completion["plan"] != nil && (completion["spotter"] as? [String: Any])?["plan"] != nil)

        var planless = response
        planless.plan = nil
        let plain = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(planless)) as? [String: Any])
        #expect(plain["plan"] == nil)

        let first = OpenAIChatCompletionChunk(.meta(m), id: "x", model: "planner", created: Date())
        let delta = OpenAIChatCompletionChunk(.delta("Here"), id: "x", model: "planner", created: Date())
        #expect(first.plan == Self.plan && delta.plan == nil)
        let chunk = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(delta)) as? [String: Any])
        #expect(chunk["plan"] == nil)
    }
}
