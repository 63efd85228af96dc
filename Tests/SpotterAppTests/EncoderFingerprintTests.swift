import Agents
import Foundation
import Knowledge
import SpotterTestSupport
import Testing
import TextEmbedding
@testable import SpotterApp

/// The encoder's fingerprint changes with its files, and with the real MiniLM encoder a cached
/// router scores exactly as a freshly embedded one.
@Suite struct EncoderFingerprintTests {
    static func modelDirectory(modelBytes: [UInt8], vocabulary: String) throws -> URL {
        let directory = URL(fileURLWithPath: try makeShortTemporaryDirectory())
        try Data(modelBytes).write(to: directory.appendingPathComponent("model.safetensors"))
        try Data(vocabulary.utf8).write(to: directory.appendingPathComponent("vocab.txt"))
        return directory
    }

    static let model: [UInt8] = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }

    @Test func fingerprint_isStable_andChangesWithTheModelTheVocabularyOrTheName() throws {
        let base = try Self.modelDirectory(modelBytes: Self.model, vocabulary: "[PAD]\n[UNK]\nsquat\n")
        defer { try? FileManager.default.removeItem(at: base) }
        let reference = try EncoderFingerprint.of(directory: base, name: "minilm/384")
        #expect(try EncoderFingerprint.of(directory: base, name: "minilm/384") == reference)
        #expect(try EncoderFingerprint.of(directory: base, name: "other/384") != reference)

        var header = Self.model
        header[100] ^= 1
        var tail = Self.model
        tail[tail.count - 10] ^= 1
        var longer = Self.model
        longer.insert(0, at: 150_000)
        for (what, bytes, vocabulary) in [("header byte", header, "[PAD]\n[UNK]\nsquat\n"), ("last weights", tail, "[PAD]\n[UNK]\nsquat\n"),
                                          ("size", longer, "[PAD]\n[UNK]\nsquat\n"), ("vocabulary", Self.model, "[PAD]\n[UNK]\nlunge\n")] {
            let changed = try Self.modelDirectory(modelBytes: bytes, vocabulary: vocabulary)
            defer { try? FileManager.default.removeItem(at: changed) }
            #expect(try EncoderFingerprint.of(directory: changed, name: "minilm/384") != reference, "a different \(what) must change the fingerprint")
        }
    }

    @Test func fingerprint_ofAMissingModel_throws() throws {
        let empty = URL(fileURLWithPath: try makeShortTemporaryDirectory())
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: (any Error).self) { try EncoderFingerprint.of(directory: empty, name: "minilm/384") }
    }

    /// A slice of the real router examples (the whole set takes ~12 s to embed in a debug build).
    @Test func realEncoder_cachedRouterScores_equalFreshOnes_bitForBit() throws {
        let root = repositoryRoot()
        let directory = root.appendingPathComponent("models/all-MiniLM-L6-v2")
        let encoder = try SentenceEncoder(modelDirectory: directory.path)
        let labelled = try AgentsConfiguration.load(from: root.appendingPathComponent("agents.yaml")).router.labelled
        let examples = labelled.mapValues { Array($0.prefix(8)) }
        let data = URL(fileURLWithPath: try makeShortTemporaryDirectory())
        defer { try? FileManager.default.removeItem(at: data) }
        let cache = RouterEmbeddingCache(url: data.appendingPathComponent(RouterEmbeddingCache.fileName),
                                         encoderIdentity: try EncoderFingerprint.of(directory: directory, name: encoder.embedderIdentity))
        let fresh = try LearnedUtteranceScorer(embedder: encoder, examples: examples)
        let saved = try LearnedUtteranceScorer(embedder: encoder, examples: examples, cache: cache)
        let loaded = try LearnedUtteranceScorer(embedder: encoder, examples: examples, cache: cache)
        #expect(saved.cacheReport?.loaded == false)
        #expect(loaded.cacheReport?.loaded == true)
        for message in ["how has my deadlift moved since spring", "what should I lift tomorrow", "my knee hurts when I squat"] {
            let expected = fresh.scores(for: message)
            #expect(expected.count == examples.count)
            #expect(loaded.scores(for: message) == expected, "\(message)")
        }
    }
}
