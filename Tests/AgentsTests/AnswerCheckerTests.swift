import Testing
@testable import Agents

@Suite struct AnswerCheckerTests {
    static let bench = GroundingFact(id: "overload:bench-press", kind: "overload", subject: "Bench Press",
                                     text: "80-82.5 kg for 5-6 reps", min: 80, max: 82.5, unit: "kg")
    static let benchReps = GroundingFact(id: "reps:bench-press", kind: "overload", subject: "Bench Press",
                                         text: "5-6 reps", min: 5, max: 6, unit: "reps")
    static let squat = GroundingFact(id: "overload:squat", kind: "overload", subject: "Squat",
                                     text: "100-102.5 kg", min: 100, max: 102.5, unit: "kg")

    @Test func loadAboveTheGroundedRange_isFlaggedAndCorrectedToTheUpperBound() {
        let result = AnswerChecker().check("Do bench press at 100 kg for 5 today.", facts: [Self.bench, Self.squat])
        #expect(result.reply == "Do bench press at 82.5 kg for 5 today.")
        #expect(result.checks.count == 1)
        #expect(result.checks.first?.kind == "load_out_of_range")
        #expect(result.checks.first?.corrected == true)
        #expect(result.checks.first?.message.contains("overload:bench-press") == true)
    }

    @Test func loadsInsideTheirRanges_areLeftAlone() {
        let reply = "Squat 102.5 kg, then bench press 80 kg."
        let result = AnswerChecker().check(reply, facts: [Self.bench, Self.squat])
        #expect(result.reply == reply)
        #expect(result.checks.isEmpty)
    }

    @Test func eachLoadIsCheckedAgainstTheExerciseNamedInItsSentence() {
        let result = AnswerChecker().check("Squat 90 kg. Bench press 81 kg.", facts: [Self.bench, Self.squat])
        #expect(result.reply == "Squat 100 kg. Bench press 81 kg.")
        #expect(result.checks.count == 1)
    }

    @Test func poundsAreConvertedBeforeComparing() {
        // 80-82.5 kg is about 176-182 lb: 225 lb is too heavy, 180 lb is fine.
        let heavy = AnswerChecker().check("Bench press 225 lbs.", facts: [Self.bench])
        #expect(heavy.checks.count == 1)
        #expect(heavy.reply == "Bench press 180 lbs.")
        #expect(AnswerChecker().check("Bench press 180 lb.", facts: [Self.bench]).checks.isEmpty)
    }

    @Test func repsOutsideTheRange_areFlagged() {
        let result = AnswerChecker().check("Bench press: 12 reps per set.", facts: [Self.benchReps])
        #expect(result.checks.first?.kind == "reps_out_of_range")
        #expect(result.reply == "Bench press: 6 reps per set.")
    }

    @Test func withoutRangedFacts_nothingIsChecked() {
        let result = AnswerChecker().check("Lift 300 kg.", facts: [])
        #expect(result.checks.isEmpty)
        #expect(result.reply == "Lift 300 kg.")
    }
}
