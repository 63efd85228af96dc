import Checksum
import Foundation
import Testing
@testable import Evals

/// A sentence "encoder" for tests: cosine of bag-of-words vectors.
struct BagOfWordsSimilarity: TextSimilarity {
    func similarity(_ a: String, _ b: String) async throws -> Double {
        func bag(_ s: String) -> [String: Double] {
            s.lowercased().split(whereSeparator: { !$0.isLetter }).reduce(into: [:]) { $0[String($1), default: 0] += 1 }
        }
        let x = bag(a), y = bag(b)
        let dot = x.reduce(0) { $0 + $1.value * (y[$1.key] ?? 0) }
        let nx = sqrt(x.values.reduce(0) { $0 + $1 * $1 }), ny = sqrt(y.values.reduce(0) { $0 + $1 * $1 })
        return nx == 0 || ny == 0 ? 0 : dot / (nx * ny)
    }
}

struct FixedJudge: RubricJudge {
    let score: Double
    func grade(message: String, reply: String, rubric: String) async throws -> (score: Double, reason: String) {
        (score, "fixed")
    }
}

@Suite struct AssertionTests {
    let reply = "Good recovery: add 5 lb and bench 190 lb for 3 sets of 5 reps next session."
    var outcome: CaseOutcome {
        CaseOutcome(reply: reply, agent: "insight", grounding: .object([
            "overload": .array([.object([
                "exercise": .string("Bench Press"), "weight": .number(190), "unit": .string("lb"),
                "reps_min": .number(3), "reps_max": .number(5), "direction": .string("increase"),
            ])]),
        ]), response: .object(["reply": .string(reply)]), latencyMs: 850)
    }

    func status(_ a: Assertion, _ o: CaseOutcome? = nil, services: AssertionServices = AssertionServices()) async -> AssertionResult.Status {
        await a.evaluate(o ?? outcome, message: "bench?", services: services).status
    }

    @Test func routedTo_passesOnTheAnsweringAgent_failsOnAnother() async {
        #expect(await status(Assertion(.routedTo, .string("insight"))) == .pass)
        #expect(await status(Assertion(.routedTo, .string("coach"))) == .fail)
    }

    @Test func contains_isCaseSensitive_icontainsIsNot() async {
        #expect(await status(Assertion(.contains, .string("Good recovery"))) == .pass)
        #expect(await status(Assertion(.contains, .string("good recovery"))) == .fail)
        #expect(await status(Assertion(.icontains, .string("GOOD RECOVERY"))) == .pass)
        #expect(await status(Assertion(.icontains, .string("deload"))) == .fail)
    }

    @Test func icontainsAny_passesWhenOneWordAppears() async {
        #expect(await status(Assertion(.icontainsAny, .array([.string("deload"), .string("ADD 5")]))) == .pass)
        #expect(await status(Assertion(.icontainsAny, .array([.string("deload"), .string("rest day")]))) == .fail)
    }

    @Test func notIcontains_failsWhenAnyForbiddenWordAppears() async {
        #expect(await status(Assertion(.notIcontains, .array([.string("PR attempt"), .string("max out")]))) == .pass)
        let r = await Assertion(.notIcontains, .string("BENCH")).evaluate(outcome)
        #expect(r.status == .fail)
        #expect(r.detail.contains("BENCH"))
    }

    @Test func regex_matchesTheReply() async {
        #expect(await status(Assertion(.regex, .string(#"\b19\d lb\b"#))) == .pass)
        #expect(await status(Assertion(.regex, .string(#"\b2\d\d lb\b"#))) == .fail)
    }

    @Test func negation_swapsPassAndFail() async {
        #expect(await status(Assertion(.icontains, .string("deload"), negate: true)) == .pass)
        #expect(await status(Assertion(.icontains, .string("bench"), negate: true)) == .fail)
    }

    @Test func jsonSchema_validatesTheChosenTarget() async {
        let schema: JSONValue = .object([
            "type": .string("object"), "required": .array([.string("overload")]),
            "properties": .object(["overload": .object(["type": .string("array"), "minItems": .number(1)])]),
        ])
        #expect(await status(Assertion(.jsonSchema, schema, target: .grounding)) == .pass)
        let wrong: JSONValue = .object(["type": .string("object"), "required": .array([.string("sets")])])
        #expect(await status(Assertion(.jsonSchema, wrong, target: .grounding)) == .fail)
        // The reply is prose, not JSON.
        #expect(await status(Assertion(.jsonSchema, schema, target: .reply)) == .fail)
        let json = CaseOutcome(reply: "```json\n{\"exercises\": [{\"name\": \"Squat\"}]}\n```")
        let trackerSchema: JSONValue = .object([
            "type": .string("object"), "required": .array([.string("exercises")]),
            "properties": .object(["exercises": .object(["type": .string("array"), "items": .object(["required": .array([.string("name")])])])]),
        ])
        #expect(await status(Assertion(.jsonSchema, trackerSchema, target: .reply), json) == .pass)
    }

    @Test func grounded_passesWhenLoadsAndRepsAgree() async {
        #expect(await status(Assertion(.grounded)) == .pass)
    }

    @Test func grounded_treatsAddedWeightAsAnIncrement_notALoad() async {
        var o = outcome
        o.reply = "Add 5 lb: 190 lb for 5 reps."
        #expect(await status(Assertion(.grounded), o) == .pass)
        o.reply = "Add 5 lb: 195 lb for 5 reps."
        #expect(await status(Assertion(.grounded), o) == .pass)  // 195 is one plate step from 190
        o.reply = "Add 20 lb: 210 lb for 5 reps."
        #expect(await status(Assertion(.grounded), o) == .fail)
    }

    @Test func grounded_failsOnALoadOutsideAPlateStep() async {
        var o = outcome
        o.reply = "Go for 205 lb x 5 today."
        let r = await Assertion(.grounded).evaluate(o)
        #expect(r.status == .fail)
        #expect(r.detail.contains("205"))
    }

    @Test func grounded_failsOnRepsOutsideTheGroundedRange() async {
        var o = outcome
        o.reply = "Bench 190 lb for 8-10 reps."
        #expect(await status(Assertion(.grounded), o) == .fail)
    }

    @Test func grounded_convertsKilogramsToPounds() async {
        var o = outcome
        o.reply = "Try 86 kg for 5 reps."  // 86 kg = 189.6 lb
        #expect(await status(Assertion(.grounded), o) == .pass)
    }

    @Test func grounded_failsWhenTheGroundingHasNoLoads() async {
        let o = CaseOutcome(reply: "Put 100 kg on the bar.", grounding: .object(["recovery": .object(["sleep_hours": .number(8)])]))
        #expect(await status(Assertion(.grounded), o) == .fail)
    }

    @Test func similar_usesTheEncoder_andSkipsWithoutOne() async {
        let services = AssertionServices(similarity: BagOfWordsSimilarity())
        let close = Assertion(.similar, .string("add 5 lb and bench 190 lb for 3 sets of 5 reps"), threshold: 0.6)
        #expect(await status(close, services: services) == .pass)
        let far = Assertion(.similar, .string("take a rest day and sleep more"), threshold: 0.6)
        #expect(await status(far, services: services) == .fail)
        #expect(await status(close) == .skip)
    }

    @Test func maxLatency_comparesTheReportedTime() async {
        #expect(await status(Assertion(.maxLatencyMs, .number(1000))) == .pass)
        #expect(await status(Assertion(.maxLatencyMs, .number(500))) == .fail)
    }

    @Test func llmRubric_usesTheJudgeScore_andSkipsWithoutAJudge() async {
        let rubric = Assertion(.llmRubric, .string("recommends a modest increase"), threshold: 0.7)
        #expect(await status(rubric, services: AssertionServices(judge: FixedJudge(score: 0.9))) == .pass)
        #expect(await status(rubric, services: AssertionServices(judge: FixedJudge(score: 0.2))) == .fail)
        let skipped = await rubric.evaluate(outcome)
        #expect(skipped.status == .skip)
        #expect(skipped.detail.contains("SPOTTER_JUDGE_BASE_URL"))
    }

    @Test func judgeVerdict_isReadFromTheFirstJSONObject() throws {
        let v = try OpenAIRubricJudge.parseVerdict("Sure! {\"score\": 0.8, \"reason\": \"good\"}")
        #expect(v.score == 0.8)
        #expect(v.reason == "good")
        #expect(throws: EvalError.self) { try OpenAIRubricJudge.parseVerdict("no json here") }
    }

    @Test func sha256_matchesTheStandardVectors() {
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
