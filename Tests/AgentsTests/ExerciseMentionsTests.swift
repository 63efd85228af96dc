import Testing
@testable import Agents

/// Finding the exercises a message names.
@Suite struct ExerciseMentionsTests {
    let candidates: [ExerciseMentions.Candidate] = [
        .init(id: "barbell-bench-press", names: ["Bench Press (Barbell)", "Barbell Bench Press"]),
        .init(id: "barbell-squat", names: ["Squat (Barbell)", "back squat"]),
        .init(id: "Row", names: ["Row"]),
    ]

    @Test func names_matchAsWholeWords_inOrderOfAppearance() {
        let ids = ExerciseMentions.find(in: "Should I squat before my BENCH PRESS?", candidates: candidates, limit: 4)
        #expect(ids == ["barbell-squat", "barbell-bench-press"])
    }

    @Test func partsOfWords_andShortNames_doNotMatch() {
        #expect(ExerciseMentions.find(in: "squats and benching", candidates: candidates, limit: 4).isEmpty)
        #expect(ExerciseMentions.find(in: "how do I row", candidates: candidates, limit: 4) == ["Row"])
        #expect(ExerciseMentions.find(in: "arrow", candidates: candidates, limit: 4).isEmpty)
    }

    @Test func limit_capsTheResult() {
        #expect(ExerciseMentions.find(in: "back squat then bench press", candidates: candidates, limit: 1) == ["barbell-squat"])
    }
}
