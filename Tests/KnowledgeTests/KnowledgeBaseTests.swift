import Checksum
import Foundation
import Testing
@testable import Knowledge

@Suite struct KnowledgeBaseTests {
    @Test func knowledgeFiles_validate_andCoverEveryMuscleAndEquipment() throws {
        let kb = realKnowledgeBase
        #expect(kb.exercises.count >= 150)
        #expect(kb.templates.count >= 8)
        #expect(Set(kb.exercises.flatMap(\.primaryMuscles)) == Set(Muscle.allCases))
        let equipment = Set(kb.exercises.map(\.equipment))
        for needed: Equipment in [.barbell, .dumbbell, .cable, .machine, .kettlebells, .bands, .bodyOnly] {
            #expect(equipment.contains(needed), "no exercise uses \(needed.rawValue)")
        }
        let categories = Set(kb.exercises.map(\.category))
        #expect(categories.contains(.cardio) && categories.contains(.stretching))
        let topics = Set(kb.principles.map(\.topic))
        for topic in ["progression", "effort", "recovery", "warm-up", "nutrition", "programming"] {
            #expect(topics.contains(topic), "no principles section on \(topic)")
        }
    }

    @Test func templates_coverTheRequiredProgramKinds() throws {
        let ids = Set(realKnowledgeBase.templates.map(\.id))
        for id in ["full-body-3-day-beginner", "upper-lower-4-day", "push-pull-legs", "five-three-one",
                   "linear-progression-novice", "hypertrophy-block", "home-bodyweight", "hybrid-endurance"] {
            #expect(ids.contains(id))
        }
        let home = try #require(realKnowledgeBase.template(id: "home-bodyweight"))
        #expect(Set(home.equipment).isSubset(of: [.bodyOnly, .bands]))
        #expect(home.days.count == home.daysPerWeek)
        #expect(realKnowledgeBase.template(id: "five-three-one")?.goals == [.strength])
    }

    @Test func load_whenAFieldHasAnUnknownValue_namesFileAndField() throws {
        let dir = try copyOfKnowledge()
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        try """
        exercises:
          - id: test-press
            name: Test Press
            summary: A test.
            primary_muscles: [chest]
            equipment: barbell
            level: advanced
            category: strength
            cues: [Press]
            mistakes: [None]
        """.write(to: dir.appendingPathComponent("exercises/zz-broken.yaml"), atomically: true, encoding: .utf8)
        let error = try #require(throws: KnowledgeError.self) { try KnowledgeBase.load(directory: dir) }
        #expect(error.file == "exercises/zz-broken.yaml")
        #expect(error.field == "exercises[0].level")
        #expect(error.description.contains("'advanced' is not allowed"))
    }

    @Test func load_whenARequiredFieldIsMissing_namesIt() throws {
        let dir = try copyOfKnowledge()
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        try "sections:\n  - id: x-section\n    title: X\n    topic: y\n".write(
            to: dir.appendingPathComponent("principles/zz-broken.yaml"), atomically: true, encoding: .utf8)
        let error = try #require(throws: KnowledgeError.self) { try KnowledgeBase.load(directory: dir) }
        #expect(error.file == "principles/zz-broken.yaml")
        #expect(error.field == "sections[0].text")
    }

    @Test func load_whenAReferenceIsUnknown_namesTheReference() throws {
        let dir = try copyOfKnowledge()
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        try """
        exercises:
          - id: test-curl
            name: Test Curl
            summary: A test.
            primary_muscles: [biceps]
            equipment: dumbbell
            level: beginner
            category: strength
            cues: [Curl]
            mistakes: [Swinging]
            substitutions: [no-such-exercise]
        """.write(to: dir.appendingPathComponent("exercises/zz-broken.yaml"), atomically: true, encoding: .utf8)
        let error = try #require(throws: KnowledgeError.self) { try KnowledgeBase.load(directory: dir) }
        #expect(error.file == "exercises/zz-broken.yaml")
        #expect(error.field == "exercises[0].substitutions[0]")
        #expect(error.message.contains("no-such-exercise"))
    }

    @Test func load_whenAnIdIsDuplicated_namesBothFiles() throws {
        let dir = try copyOfKnowledge()
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        try """
        exercises:
          - id: barbell-back-squat
            name: Another Squat
            summary: A duplicate.
            primary_muscles: [quadriceps]
            equipment: barbell
            level: beginner
            category: strength
            cues: [Squat]
            mistakes: [None]
        """.write(to: dir.appendingPathComponent("exercises/zz-dup.yaml"), atomically: true, encoding: .utf8)
        let error = try #require(throws: KnowledgeError.self) { try KnowledgeBase.load(directory: dir) }
        #expect(error.file == "exercises/zz-dup.yaml")
        #expect(error.message.contains("legs-quads.yaml"))
    }

    @Test func contentHash_changesWhenAFileChanges() throws {
        let dir = try copyOfKnowledge()
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let before = try KnowledgeBase.load(directory: dir).contentHash
        #expect(before == realKnowledgeBase.contentHash)
        let file = dir.appendingPathComponent("principles/training.yaml")
        try (try String(contentsOf: file, encoding: .utf8) + "\n# edited\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try KnowledgeBase.load(directory: dir).contentHash != before)
    }

    @Test func sha256_matchesTheFIPSVectors() {
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
