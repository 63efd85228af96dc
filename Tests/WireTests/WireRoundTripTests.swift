import Foundation
import Testing
import Wire

/// The CLI and the evals decode with `WireDate.decoder()` what the daemon encodes with
/// `WireDate.encoder()`; these pin the spellings and the round trip of the shared types.
@Suite struct WireRoundTripTests {
    @Test func workoutInput_readmeExample_decodes_withAnAbsentSetTypeReadAsNormal() throws {
        let body = #"{"title": "Push", "started_at": "2025-09-15T07:48:00Z", "exercises": [{"name": "Bench Press (Barbell)", "sets": [{"weight": 80, "reps": 5, "rpe": 8}, {"weight": 40, "reps": 10, "type": "warmup", "distance_m": 0}]}]}"#
        let input = try WireDate.decoder().decode(WorkoutInput.self, from: Data(body.utf8))
        #expect(input.startedAt == Date(timeIntervalSince1970: 1_757_922_480))
        #expect(input.exercises[0].sets.map(\.type) == [.normal, .warmup])
        #expect(input.exercises[0].sets[1].distanceM == 0)
    }

    @Test func workoutSet_withAnUnknownType_failsToDecodeNamingTheField() {
        let error = #expect(throws: DecodingError.self) { try JSONDecoder().decode(WorkoutSetWire.self, from: Data(#"{"type": "superset", "reps": 5}"#.utf8)) }
        guard case .dataCorrupted(let context)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(context.codingPath.map(\.stringValue) == ["type"])
    }

    @Test func workoutOutput_encodedByTheDaemon_decodesToTheSameValue() throws {
        let output = WorkoutOutput(id: 7, user: "ana", title: "Legs", startedAt: Date(timeIntervalSince1970: 1_757_922_480), source: "hevy",
                                   units: .lb, exercises: [.init(name: "Squat", exerciseId: "barbell-squat", sets: [.init(type: .dropset, weight: 225, reps: 5)])],
                                   createdAt: Date(timeIntervalSince1970: 1_757_930_000))
        let data = try WireDate.encoder().encode(output)
        let text = String(decoding: data, as: UTF8.self)
        for key in [#""started_at":"2025-09-15T07:48:00Z""#, #""exercise_id":"barbell-squat""#, #""type":"dropset""#, #""units":"lb""#, #""source":"hevy""#] {
            #expect(text.contains(key), "missing \(key) in \(text)")
        }
        #expect(try WireDate.decoder().decode(WorkoutOutput.self, from: data) == output)
    }

    @Test func userInput_readsBothExperienceSpellings_andWritesTheProfileOnes() throws {
        let input = try JSONDecoder().decode(UserInput.self, from: Data(#"{"experience": "expert", "goal": "fat-loss", "sex": "female", "days_per_week": 4}"#.utf8))
        #expect(input.experience == .expert && input.goal == .weightLoss && input.sex == .female && input.daysPerWeek == 4)
        let text = String(decoding: try WireDate.encoder().encode(input), as: UTF8.self)
        #expect(text == #"{"days_per_week":4,"experience":"advanced","goal":"fat_loss","sex":"female"}"#)
    }

    @Test func userInput_withAnUnknownSex_failsToDecode() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(UserInput.self, from: Data(#"{"sex": "robot"}"#.utf8)) }
    }

    @Test func wireDate_readsFractionalSeconds_andRejectsADay() throws {
        #expect(WireDate.parse("2025-09-15T07:48:00.250Z") == Date(timeIntervalSince1970: 1_757_922_480.25))
        #expect(WireDate.parse("2025-09-15") == nil)
        #expect(throws: DecodingError.self) { try WireDate.decoder().decode([Date].self, from: Data(#"["2025-09-15"]"#.utf8)) }
    }

    @Test func chatResponse_keepsItsSnakeCaseKeys() throws {
        let response = ChatResponse(conversation: "c1", agent: "coach", routing: RoutingDecision(agent: "coach", method: .rule, score: 1, reason: "pain"),
                                    reply: "Rest.", grounding: GroundingReport(facts: [], lastCheckIn: CheckInSummary(date: "2025-09-15", sleepHours: 5)),
                                    citations: [], checks: [], usage: Usage(promptTokens: 3, completionTokens: 2),
                                    timings: Timings(totalMs: 10, firstTokenMs: 4), model: "m", backend: "embedded")
        let text = String(decoding: try WireDate.encoder().encode(response), as: UTF8.self)
        for key in [#""last_check_in":{"date":"2025-09-15","sleep_hours":5}"#, #""prompt_tokens":3"#, #""first_token_ms":4"#, #""method":"rule""#] {
            #expect(text.contains(key), "missing \(key) in \(text)")
        }
        #expect(try JSONDecoder().decode(ChatResponse.self, from: Data(text.utf8)) == response)
    }

    @Test func overloadWire_keepsItsSnakeCaseKeys() throws {
        let wire = OverloadWire(user: "ana", exercise: .init(id: "barbell-squat", name: "Barbell Squat"), weight: 102.5, unit: "kg",
                                repRange: .init(min: 3, max: 5), targetReps: 5, direction: "increase", rule: "easy_sets", confidence: 0.8,
                                reasons: [], allowPRAttempt: false,
                                features: .init(sessions: 6, weightTrend: "up", volumeTrend: "flat", rpeTrend: "down", stalled: false, hardTrainingWeeks: 2))
        let text = String(decoding: try WireDate.encoder().encode(wire), as: UTF8.self)
        for key in [#""rep_range":{"max":5,"min":3}"#, #""target_reps":5"#, #""allow_pr_attempt":false"#, #""hard_training_weeks":2"#, #""weight_trend":"up""#] {
            #expect(text.contains(key), "missing \(key) in \(text)")
        }
    }

    @Test func wireRounding_roundsToHundredths() {
        #expect(WireRounding.round(99.999_999) == 100)
        #expect(WireRounding.round(45.359_237) == 45.36)
    }
}
