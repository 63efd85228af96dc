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

    @Test func experience_oneLevel_readsBothSpellings_writesTheProfileOne() throws {
        #expect(ExperienceLevel(name: "advanced") == .expert && ExperienceLevel(name: "Expert") == .expert)
        #expect(ExperienceLevel(name: "novice") == .beginner && ExperienceLevel(name: "pro") == nil)
        #expect(ExperienceLevel.allCases.map(\.profileName) == ["beginner", "intermediate", "advanced"])
        #expect(ExperienceLevel.allCases.map(\.catalogName) == ["beginner", "intermediate", "expert"])
        #expect(ExperienceLevel.allCases.map(\.rawValue) == [0, 1, 2])
        #expect(String(decoding: try JSONEncoder().encode([ExperienceLevel.expert]), as: UTF8.self) == #"["advanced"]"#)
        #expect(try JSONDecoder().decode([ExperienceLevel].self, from: Data(#"["expert","advanced"]"#.utf8)) == [.expert, .expert])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ExperienceLevel].self, from: Data(#"["pro"]"#.utf8)) }
    }

    @Test func goal_oneGoal_readsAllThreeSpellings_writesTheProfileOne() throws {
        for name in ["fat_loss", "fat-loss", "weight_loss", "Fat Loss"] { #expect(TrainingGoal(name: name) == .weightLoss, "\(name)") }
        for name in ["general", "general-fitness", "general_fitness"] { #expect(TrainingGoal(name: name) == .generalFitness, "\(name)") }
        #expect(TrainingGoal(name: "bulk") == nil)
        #expect(TrainingGoal.allCases.map(\.profileName) == ["strength", "hypertrophy", "fat_loss", "endurance", "general"])
        #expect(TrainingGoal.allCases.map(\.catalogName) == ["strength", "hypertrophy", "fat-loss", "endurance", "general-fitness"])
        #expect(String(decoding: try JSONEncoder().encode([TrainingGoal.weightLoss]), as: UTF8.self) == #"["fat_loss"]"#)
        #expect(try JSONDecoder().decode([TrainingGoal].self, from: Data(#"["general"]"#.utf8)) == [.generalFitness])
    }
}
