import Foundation
import SpotterTestSupport
import Testing
@testable import Tracker

@Suite struct TrackerJSONTests {
    let result = TrackerResult(source: .ocr, rawText: "Day 1\nBench Press 3x10-12 @ 80kg rest 90s", entries:
        WorkoutTextParser(matcher: TestExerciseMatcher()).parse("""
            Day 1
            Bench Press 3x10-12 @ 80kg rest 90s
            A1. Mystery Move 3x8 RPE 8
            """))

    func encoded() throws -> [String: Any] {
        let data = try TrackerResult.encoder.encode(result)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func encoding_usesSnakeCaseAndRepsAsNumberOrRange() throws {
        let text = String(decoding: try TrackerResult.encoder.encode(result), as: UTF8.self)
        #expect(text.contains(#""raw_text":"#))
        #expect(text.contains(#""rest_seconds":90"#))
        #expect(text.contains(#""as_written":"Bench Press""#))
        #expect(text.contains(#""reps":{"max":12,"min":10}"#))
        #expect(text.contains(#""reps":8"#))
        #expect(text.contains(#""source":"ocr""#))
    }

    @Test func encoding_roundTrips() throws {
        let data = try TrackerResult.encoder.encode(result)
        #expect(try TrackerResult.decoder.decode(TrackerResult.self, from: data) == result)
    }

    /// Every key the encoder writes is declared in schemas/tracker.schema.json, and every
    /// required key is written.
    @Test func encoding_conformsToCommittedSchemaKeys() throws {
        let schemaURL = repositoryRoot().appendingPathComponent("schemas/tracker.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: Any])
        let entrySchema = try #require(defs["entry"] as? [String: Any])
        let entryProps = try #require(entrySchema["properties"] as? [String: Any])
        let exerciseProps = try #require((entryProps["exercise"] as? [String: Any])?["properties"] as? [String: Any])
        let topProps = try #require(schema["properties"] as? [String: Any])

        let json = try encoded()
        #expect(Set(json.keys).isSubset(of: Set(topProps.keys)))
        #expect(Set(schema["required"] as? [String] ?? []).isSubset(of: Set(json.keys)))
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries.count == 2)
        for entry in entries {
            #expect(Set(entry.keys).isSubset(of: Set(entryProps.keys)), "\(entry.keys)")
            #expect(Set(entrySchema["required"] as? [String] ?? []).isSubset(of: Set(entry.keys)))
            let exercise = try #require(entry["exercise"] as? [String: Any])
            #expect(Set(exercise.keys).isSubset(of: Set(exerciseProps.keys)))
        }
    }
}
