import Testing
@testable import Tracker

@Suite struct WorkoutTextParserTests {
    let parser = WorkoutTextParser(matcher: nil)

    func one(_ line: String) throws -> TrackerEntry {
        let entries = parser.parse(line)
        try #require(entries.count == 1, "expected one entry from \(line), got \(entries.map(\.content))")
        return entries[0]
    }

    @Test func setsByReps_atWeight_readsAllFields() throws {
        let e = try one("Bench Press 3x8 @ 80kg")
        #expect(e.exercise.name == "Bench Press")
        #expect(e.exercise.matched == false)
        #expect(e.exercise.id == nil)
        #expect(e.sets == 3)
        #expect(e.reps == .exact(8))
        #expect(e.weight == 80)
        #expect(e.unit == .kg)
        #expect(e.content == "Bench Press 3x8 @ 80kg")
    }

    @Test func setsByReps_withBareWeight_readsWeight() throws {
        let e = try one("Squat 5x5 100kg")
        #expect(e.exercise.name == "Squat")
        #expect(e.sets == 5 && e.reps == .exact(5) && e.weight == 100 && e.unit == .kg)
    }

    @Test func setsOfReps_withNameAfter_readsName() throws {
        let e = try one("3 sets of 10 push-ups")
        #expect(e.exercise.name == "push-ups")
        #expect(e.sets == 3 && e.reps == .exact(10))
        #expect(e.weight == nil)
    }

    @Test func ramp_loadByReps_isSetsWithTopLoadAndRepRange() throws {
        let e = try one("Deadlift 140x5, 150x3, 160x1")
        #expect(e.exercise.name == "Deadlift")
        #expect(e.sets == 3)
        #expect(e.reps == .range(min: 1, max: 5))
        #expect(e.weight == 160)
        #expect(e.notes?.contains("140x5") == true)
    }

    @Test func repRange_wordReps_isRange() throws {
        let e = try one("Lat Pulldown 3 sets 8-12 reps")
        #expect(e.sets == 3 && e.reps == .range(min: 8, max: 12))
        let f = try one("Cable Fly 8-12 reps")
        #expect(f.reps == .range(min: 8, max: 12) && f.sets == nil)
        #expect(f.exercise.name == "Cable Fly")
    }

    @Test func rpeAndRir_areRead() throws {
        let e = try one("Leg Press 4 x 12 @ 180 kg RPE 8")
        #expect(e.rpe == 8 && e.weight == 180 && e.unit == .kg && e.exercise.name == "Leg Press")
        let f = try one("Barbell Row 4x8 @ 70kg, 2 RIR")
        #expect(f.rir == 2 && f.weight == 70 && f.exercise.name == "Barbell Row")
    }

    @Test func pounds_lbAndLbsAndOcrIbs_normaliseToLb() throws {
        #expect(try one("Romanian Deadlift 3x8 225 lbs").unit == .lb)
        #expect(try one("Curl 3x10 @ 30 lb").unit == .lb)
        let ocr = try one("Romanian Deadlift 3x8 225 Ibs")
        #expect(ocr.unit == .lb && ocr.weight == 225)
        #expect(try one("Press 3x5 @ 42.5kg").weight == 42.5)
        let kq = try one("Squat 5x5 100kq")
        #expect(kq.unit == .kg && kq.weight == 100 && kq.exercise.name == "Squat", "OCR reads kg as kq")
    }

    @Test func rest_inlineSecondsAndMinutes() throws {
        #expect(try one("Bench Press 3x8 rest 90s").restSeconds == 90)
        #expect(try one("Squat 5x5 Rest 2 min").restSeconds == 120)
        #expect(try one("Squat 5x5 rest 1:30").restSeconds == 90)
    }

    @Test func restLine_appliesToEntriesAboveInSection() {
        let entries = parser.parse("""
            Day 1 — Push
            Bench Press 3x8 @ 80kg
            Overhead Press 4x6 rest 60s
            Rest 90s between sets
            Day 2 — Pull
            Barbell Row 4x8
            """)
        #expect(entries.map(\.restSeconds) == [90, 60, nil])
        #expect(entries.map(\.section) == ["Day 1 — Push", "Day 1 — Push", "Day 2 — Pull"])
    }

    @Test func supersets_A1A2_shareGroup() {
        let entries = parser.parse("""
            A1. Dumbbell Bench Press 3x10 @ 30kg
            A2) Chest Supported Row 3x10 @ 25kg
            B1 Lateral Raise 3x15
            Bl. Face Pull 3x15
            """)
        #expect(entries.map(\.group) == ["A", "A", "B", "B"], "OCR reads B1. as Bl.")
        #expect(entries.map(\.exercise.name) == ["Dumbbell Bench Press", "Chest Supported Row", "Lateral Raise", "Face Pull"])
    }

    @Test func circuit_roundsBecomeSets_andBareCountsAreReps() {
        let entries = parser.parse("""
            Circuit x3 rounds:
            10 Burpees
            15 Kettlebell Swings @ 24kg
            """)
        #expect(entries.count == 2)
        #expect(entries.map(\.group) == ["Circuit", "Circuit"])
        #expect(entries.map(\.sets) == [3, 3])
        #expect(entries.map(\.reps) == [.exact(10), .exact(15)])
        #expect(entries[1].weight == 24)
    }

    @Test func emomAndAmrap_blocksLabelTheirEntries() {
        let entries = parser.parse("""
            EMOM 10 min:
            5 Pull-ups
            AMRAP 12 min
            10 Wall Balls
            """)
        #expect(entries.map(\.group) == ["EMOM 10 min", "AMRAP 12 min"])
        #expect(entries.map(\.reps) == [.exact(5), .exact(10)])
        #expect(entries[0].sets == nil)
    }

    @Test func numberedAndBulletedLists_markersAreNotNumbers() {
        let entries = parser.parse("""
            1. Squat 5x5 100kg
            2) Leg Press 4x12
            - Face Pull 3x15
            • Hammer Curl 3x12
            * Plank 3x45s
            """)
        #expect(entries.map(\.exercise.name) == ["Squat", "Leg Press", "Face Pull", "Hammer Curl", "Plank"])
        #expect(entries.map(\.sets) == [5, 4, 3, 3, 3])
        #expect(entries[4].reps == nil)
        #expect(entries[4].notes == "45 s")
    }

    @Test func headings_becomeSectionsNotEntries() {
        let entries = parser.parse("""
            Day 1 — Push
            Bench Press 3x8
            PULL DAY:
            Deadlift 1x5 @ 180kg
            """)
        #expect(entries.count == 2)
        #expect(entries.map(\.section) == ["Day 1 — Push", "PULL DAY"])
    }

    @Test func noise_datesTitlesClockAndGarbage_inventNoEntries() {
        let entries = parser.parse("""
            Monday 12/03/2024
            March 4th
            9:41 87%
            My Workout Plan
            Week 3
            ~ |\\ ,. _ 1l 3
            1-2 4 |x| 5
            =
            Page 2 of 3
            Sy Sarees
            Put Day ee ee
            . ae “+ 3
            2 C . +
            be: ee 12
            """)
        #expect(entries.isEmpty, "invented: \(entries.map(\.content))")
    }

    @Test func leadingCount_outsideBlock_needsAKnownExercise() {
        #expect(parser.parse("12 weeks program").isEmpty)
        let known = WorkoutTextParser(matcher: TestExerciseMatcher()).parse("20 Burpees")
        #expect(known.first?.reps == .exact(20))
        #expect(known.first?.exercise.id == "Burpee")
    }

    @Test func matcher_resolvesKnownNames_andKeepsUnknownAsWritten() {
        let entries = WorkoutTextParser(matcher: TestExerciseMatcher()).parse("""
            Bench Press 3x8 @ 80kg
            Zercher Carry 3x40
            """)
        #expect(entries[0].exercise == ExerciseRef(id: "Barbell_Bench_Press", name: "Barbell Bench Press", matched: true, asWritten: "Bench Press"))
        #expect(entries[1].exercise == ExerciseRef(id: nil, name: "Zercher Carry", matched: false, asWritten: "Zercher Carry"))
        #expect(entries[0].confidence > entries[1].confidence)
    }

    @Test func screenshotLayout_nameLineThenNumbersLine_merges() {
        let entries = parser.parse("""
            Bench Press
            3 × 8 · 80 kg
            """)
        #expect(entries.count == 1)
        #expect(entries.first?.exercise.name == "Bench Press")
        #expect(entries.first?.sets == 3 && entries.first?.weight == 80)
    }

    @Test func ocrConfidence_scalesEntryConfidence() {
        let entries = parser.parse(lines: [TextLine("Squat 5x5 100kg", confidence: 0.5)])
        #expect(entries.first?.confidence == 0.5)
    }
}
