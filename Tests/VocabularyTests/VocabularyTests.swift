import Foundation
import Testing
import Vocabulary

/// The shared words: one definition and one spelling each.
@Suite struct VocabularyTests {
    @Test func weightUnit_convertsByTheExactPound() {
        #expect(WeightUnit.lb.toKilograms(100) == 45.359237)
        #expect(abs(WeightUnit.lb.fromKilograms(100) - 220.462262) < 1e-6)
        #expect(WeightUnit.kg.toKilograms(80) == 80 && WeightUnit.kg.fromKilograms(80) == 80)
        #expect(WeightUnit.kg.defaultPlateStep == 1.25 && WeightUnit.lb.defaultPlateStep == 2.5)
        #expect(WeightUnit.allCases.map(\.rawValue) == ["kg", "lb"])
    }

    @Test func setType_workingSets_areNormalAndFailureOnly() {
        #expect(SetType.allCases.filter(\.isWorking) == [.normal, .failure])
        #expect(SetType.allCases.map(\.rawValue) == ["normal", "warmup", "failure", "dropset"])
    }

    @Test func muscle_usesFreeExerciseDBSpellings() {
        #expect(Muscle.allCases.count == 17)
        #expect(Muscle(rawValue: "lower back") == .lowerBack && Muscle(rawValue: "middle back") == .middleBack)
    }

    @Test func equipment_parsesWhatPeopleType() {
        #expect(Equipment(userInput: "Bodyweight") == .bodyOnly)
        #expect(Equipment(userInput: " kb ") == .kettlebells)
        #expect(Equipment(userInput: "e-z curl bar") == .ezCurlBar)
        #expect(Equipment(userInput: "rowing machine") == nil)
    }

    @Test func utcDay_roundTripsAndRejectsImpossibleDates() throws {
        let day = try #require(UTCDay("2025-11-23"))
        #expect(day.start == Date(timeIntervalSince1970: 1_763_856_000))
        #expect(UTCDay(Date(timeIntervalSince1970: 1_763_900_000)).text == "2025-11-23")   // 12:13 UTC
        #expect(UTCDay(Date(timeIntervalSince1970: 1_763_942_399)).text == "2025-11-23")   // 23:59:59 UTC
        #expect(UTCDay(Date(timeIntervalSince1970: 1_763_942_400)).text == "2025-11-24")
        for bad in ["2025-02-30", "2025-13-01", "2025-1-01", "25-01-01", "2025/01/01", "", "2025-01-01T00:00"] {
            #expect(UTCDay(bad) == nil, "\(bad)")
        }
        #expect(UTCDay("2024-02-29") != nil)
        #expect(try #require(UTCDay("2025-01-31")) < day)
    }

    @Test func userID_oneRule_1to64LettersDigitsDotUnderscoreDash() {
        for good in ["ana", "A.b_c-9", String(repeating: "x", count: 64)] { #expect(UserID.problem(good) == nil, "\(good)") }
        for bad in ["", String(repeating: "x", count: 65), "ana@example.com", "josé", "a b", "a/b"] {
            let problem = UserID.problem(bad)
            #expect(problem?.contains("1–64 characters") == true, "\(bad)")
        }
    }

    @Test func exerciseText_normalizesToLowercaseWords() {
        #expect(ExerciseText.normalize("Bench Press (Barbell)") == "bench press barbell")
        #expect(ExerciseText.normalize("  Pull-Up!! ") == "pull up")
        #expect(ExerciseText.normalize("Développé Couché") == "développé couché")
    }
}
