import Foundation
import Testing
@testable import Knowledge

/// What each distinct `exercise_title` of the Hevy sample export should map to.
let hevyExpectations: [String: String] = [
    "Back Extension (Weighted Hyperextension)": "back-extension", "Bayesian Cable Curl": "bayesian-cable-curl",
    "Bench Press (Barbell)": "barbell-bench-press", "Bench Press (Dumbbell)": "dumbbell-bench-press",
    "Bicep Curl (Cable)": "cable-bicep-curl", "Bottom-Half Seated Cable Flye": "seated-cable-fly", "Bulgarian Split Squat": "bulgarian-split-squat",
    "Cable 1-Arm Face Pull": "face-pull", "Cable Crossover Ladder": "cable-crossover", "Cable Crunch": "cable-crunch",
    "Calf Press (Machine)": "leg-press-calf-raise", "Chest Fly (Dumbbell)": "dumbbell-chest-fly",
    "Chest Fly (Machine)": "machine-chest-fly", "Chest Press (Machine)": "machine-chest-press",
    "Chest Supported Incline Row (Dumbbell)": "chest-supported-dumbbell-row", "Concentration Curl": "concentration-curl",
    "Crunch": "crunch", "Crunch (Machine)": "machine-crunch", "Crunch (Weighted)": "crunch",
    "Decline Crunch (Weighted)": "decline-crunch", "Dragon Flag": "dragon-flag", "EZ Bar Biceps Curl": "ez-bar-curl",
    "Glute Ham Raise": "glute-ham-raise", "Hammer Curl (Cable)": "cable-hammer-curl", "Hammer Curl (Dumbbell)": "hammer-curl",
    "Hip Abduction (Machine)": "machine-hip-abduction", "Hip Adduction (Machine)": "machine-hip-adduction",
    "Hip Thrust (Machine)": "machine-hip-thrust", "Incline Bench Press (Barbell)": "incline-barbell-bench-press",
    "Incline Bench Press (Dumbbell)": "incline-dumbbell-bench-press", "Incline Chest Press (Machine)": "machine-incline-chest-press",
    "Iso-Lateral Chest Press (Machine)": "machine-chest-press", "JM Press (Barbell)": "jm-press",
    "Katana Triceps Extension": "cable-overhead-triceps-extension", "Lat Pulldown (Cable)": "lat-pulldown",
    "Lat Pulldown (Machine)": "lat-pulldown", "Lat Pulldown - Close Grip (Cable)": "close-grip-lat-pulldown",
    "Lateral Raise (Cable)": "cable-lateral-raise", "Lateral Raise (Dumbbell)": "dumbbell-lateral-raise",
    "Lateral Raise (Machine)": "machine-lateral-raise", "Leg Extension (Machine)": "leg-extension",
    "Leg Press (Machine)": "leg-press", "Lunge (Dumbbell)": "dumbbell-lunge", "Lying Leg Curl (Machine)": "lying-leg-curl",
    "Lying Leg Raise": "lying-leg-raise", "Meadows Incline DB Lateral Raise": "dumbbell-lateral-raise",
    "Pendlay Row (Barbell)": "pendlay-row", "Preacher Curl (Barbell)": "preacher-curl",
    "Preacher Curl (Machine)": "machine-preacher-curl", "Pull Up": "pull-up", "Pull Up (Assisted)": "assisted-pull-up",
    "Pullover (Dumbbell)": "dumbbell-pullover", "Rear Delt Reverse Fly (Cable)": "cable-reverse-fly",
    "Rear Delt Reverse Fly (Machine)": "reverse-pec-deck", "Reverse Fly Single Arm (Cable)": "cable-reverse-fly",
    "Reverse Lunge (Dumbbell)": "reverse-lunge", "Romanian Deadlift (Barbell)": "romanian-deadlift",
    "Seated Cable Row - Bar Wide Grip": "seated-cable-row", "Seated Cable Row - V Grip (Cable)": "seated-cable-row",
    "Seated Dip Machine": "machine-dip", "Seated Incline Curl (Dumbbell)": "incline-dumbbell-curl",
    "Seated Leg Curl (Machine)": "seated-leg-curl", "Seated Palms Down Wrist Curl": "reverse-wrist-curl",
    "Seated Palms Up Wrist Curl": "wrist-curl", "Seated Row (Machine)": "machine-row",
    "Seated Shoulder Press (Machine)": "machine-shoulder-press", "Seated Super- Bayesian High Cable Curl": "bayesian-cable-curl",
    "Shoulder Press (Dumbbell)": "dumbbell-shoulder-press", "Shoulder Press (Machine Plates)": "machine-shoulder-press",
    "Shrug (Cable)": "cable-shrug", "Shrug (Dumbbell)": "dumbbell-shrug", "Side Bend (Dumbbell)": "dumbbell-side-bend",
    "Single Arm Lateral Raise (Cable)": "cable-lateral-raise", "Sitting 1-Arm Lat Pulldown": "single-arm-lat-pulldown",
    "Skullcrusher (Barbell)": "skull-crusher", "Squat (Barbell)": "barbell-back-squat", "Squat (Smith Machine)": "smith-machine-squat",
    "Standing Calf Raise (Dumbbell)": "dumbbell-calf-raise", "Standing Calf Raise (Machine)": "standing-calf-raise",
    "Triceps Extension (Cable)": "cable-overhead-triceps-extension", "Triceps Extension (Machine)": "machine-triceps-extension",
    "Triceps Kickback (Cable)": "cable-triceps-kickback", "Triceps Pressdown": "triceps-pushdown",
    "Triceps Pushdown": "triceps-pushdown", "Warm Up": "general-warm-up", "Wide Pull Up": "wide-grip-pull-up",
]

/// The distinct `exercise_title` values of the Hevy sample export (RFC 4180 quoting).
func hevyExerciseTitles() throws -> [String] {
    let text = try String(contentsOf: hevySampleFile, encoding: .utf8)
    var rows: [[String]] = []
    var row: [String] = [], field = "", quoted = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } }
            else { field.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { row.append(field); field = "" }
        else if c == "\n" || c == "\r\n" { row.append(field); rows.append(row); row = []; field = "" }
        else if c != "\r" { field.append(c) }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    let column = try #require(rows.first?.firstIndex(of: "exercise_title"))
    return Array(Set(rows.dropFirst().compactMap { $0.count > column ? $0[column] : nil })).sorted()
}

@Suite struct ExerciseNameMatcherTests {
    let matcher = try! ExerciseNameMatcher(knowledgeBase: realKnowledgeBase)

    @Test func hevySampleNames_matchLexically_withoutWrongMatches() throws {
        let names = try hevyExerciseTitles()
        #expect(names.count == 86)
        #expect(Set(names) == Set(hevyExpectations.keys), "the expectation table is out of date")
        var correct = 0
        var unmatched: [String] = []
        var wrong: [String] = []
        var byMethod: [MatchMethod: Int] = [:]
        for name in names {
            let result = matcher.matchLexically(name)
            if let id = result.id {
                byMethod[result.method!, default: 0] += 1
                if id == hevyExpectations[name] { correct += 1 } else { wrong.append("\(name) -> \(id)") }
            } else {
                unmatched.append(name)
            }
        }
        let share = Double(correct) / Double(names.count)
        print("Hevy sample name matching (lexical): \(correct)/\(names.count) correct (\(String(format: "%.1f", share * 100))%); "
              + "by method \(byMethod.map { "\($0.key.rawValue)=\($0.value)" }.sorted().joined(separator: " ")); "
              + "unmatched: \(unmatched); wrong: \(wrong)")
        #expect(wrong.isEmpty)
        #expect(share >= 0.95)
    }

    /// Without the app names curated as aliases, the normalisation stage alone must still map
    /// the "Name (Equipment)" pattern correctly, and must never map a name to the wrong exercise.
    @Test func hevySampleNames_withoutCuratedAliases_normalisationIsPrecise() throws {
        let names = try hevyExerciseTitles()
        let hevy = Set(names.map { $0.lowercased() })
        let entries = realKnowledgeBase.exercises.map {
            ExerciseNameMatcher.Entry(id: $0.id, name: $0.name, aliases: $0.aliases.filter { !hevy.contains($0.lowercased()) },
                                      equipment: $0.equipment)
        }
        let bare = try ExerciseNameMatcher(entries: entries)
        var correct = 0, normalised = 0
        var wrong: [String] = [], unmatched: [String] = []
        for name in names {
            let result = bare.matchLexically(name)
            guard let id = result.id else { unmatched.append(name); continue }
            if result.method == .normalised { normalised += 1 }
            if id == hevyExpectations[name] { correct += 1 } else { wrong.append("\(name) -> \(id)") }
        }
        print("Hevy sample name matching without app-name aliases: \(correct)/\(names.count) correct "
              + "(\(normalised) by normalisation); unmatched \(unmatched.count): \(unmatched); wrong: \(wrong)")
        #expect(wrong.isEmpty)
        #expect(normalised >= 40)
    }

    @Test(arguments: [
        ("Squat (Barbell)", "barbell-back-squat", MatchMethod.alias),
        ("Barbell Back Squat", "barbell-back-squat", MatchMethod.exact),
        ("barbell-back-squat", "barbell-back-squat", MatchMethod.exact),
        ("Bench Press (Dumbbell)", "dumbbell-bench-press", MatchMethod.alias),
        ("DB Bench Press", "dumbbell-bench-press", MatchMethod.alias),
        ("dumbbell bench-press", "dumbbell-bench-press", MatchMethod.normalised),
        ("Bench Press, Dumbbell", "dumbbell-bench-press", MatchMethod.normalised),
        ("Pull-Ups", "pull-up", MatchMethod.normalised),
        ("Hammer Curls (Dumbbell)", "hammer-curl", MatchMethod.normalised),
        ("Romanian Deadlifts - Barbell", "romanian-deadlift", MatchMethod.normalised),
        ("Lateral Raises (DB)", "dumbbell-lateral-raise", MatchMethod.normalised),
        ("Skull Crusher (Barbell)", "skull-crusher", MatchMethod.normalised),
        ("Pendlay Row (Barbell)", "pendlay-row", MatchMethod.alias),
        ("Sumo Deadlift (Barbell)", "sumo-deadlift", MatchMethod.alias),
        ("Face Pull (Cable)", "face-pull", MatchMethod.normalised),
        ("Glute Bridge (Bodyweight)", "glute-bridge", MatchMethod.normalised),
    ])
    func lexicalStages_handleEquipmentPluralsAndPunctuation(name: String, id: String, method: MatchMethod) {
        let result = matcher.matchLexically(name)
        #expect(result.id == id, "\(name) -> \(result)")
        #expect(result.method == method, "\(name) -> \(result)")
    }

    @Test func unknownNames_areUnmatched_notGuessed() throws {
        // "Face Pull (Dumbbell)": the base name exists but with other equipment.
        for name in ["Underwater Basket Weaving", "Squat (Zercher Hold)", "Curl", "Press", "", "Face Pull (Dumbbell)"] {
            #expect(matcher.matchLexically(name) == .unmatched(name: name), "\(name)")
        }
    }

    @Test func embeddingStage_acceptsAboveThreshold_andRejectsBelow() throws {
        let entries = [ExerciseNameMatcher.Entry(id: "cable-crunch", name: "Cable Crunch", aliases: ["Kneeling Cable Crunch"]),
                       ExerciseNameMatcher.Entry(id: "plank", name: "Plank", aliases: [])]
        let strict = try ExerciseNameMatcher(entries: entries, embedder: HashingEmbedder(), threshold: 0.8)
        // "crunch kneeling cable rope" shares 3 of 4 words with an alias: cosine 0.866.
        let near = try strict.match("crunch kneeling cable rope")
        #expect(near.id == "cable-crunch")
        #expect(near.method == .embedding)
        if case .matched(_, _, _, let score) = near { #expect(abs(score - 0.866) < 0.01) }
        // One shared word out of three: cosine 0.41, below the threshold.
        #expect(try strict.match("crunch with twist variation").id == nil)
        // Lexical stages win before embeddings are consulted.
        #expect(try strict.match("Plank").method == .exact)
        let results = try strict.matchAll(["Plank", "crunch kneeling cable rope", "Deadlift"])
        #expect(results.map(\.id) == ["plank", "cable-crunch", nil])
    }
}
