import Foundation
import Knowledge
import SpotterTestSupport
import Testing
@testable import SpotterApp

/// The router's training embeddings are cached in the data directory and reused only while the
/// utterances, their labels and the encoder are unchanged; a bad file is rebuilt, never fatal.
@Suite struct RouterEmbeddingCacheTests {
    static let messages = ["how is my bench going", "what should I do on leg day", "I slept four hours, train or rest?",
                           "plan a push day", "totally unrelated words here"]

    /// A scratch data directory with a cache file path in it.
    final class Scratch {
        let directory: URL
        var file: URL { directory.appendingPathComponent(RouterEmbeddingCache.fileName) }

        init() throws {
            directory = URL(fileURLWithPath: try makeShortTemporaryDirectory())
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func cache(encoder: String = "test-encoder v1") -> RouterEmbeddingCache {
            RouterEmbeddingCache(url: file, encoderIdentity: encoder)
        }
    }

    static func scores(_ scorer: LearnedUtteranceScorer) -> [[String: Double]] {
        messages.map { scorer.scores(for: $0) }
    }

    static var exampleCount: Int { routerExamples.values.reduce(0) { $0 + $1.count } }

    @Test func secondStart_withSameInputs_loadsFromCache_andScoresAreBitIdentical() throws {
        let scratch = try Scratch()
        let embedder = HashingEmbedder()
        let first = try LearnedUtteranceScorer(embedder: embedder, examples: routerExamples, cache: scratch.cache())
        #expect(first.cacheReport == .init(loaded: false, rebuildReason: "no cache file", saveError: nil))
        #expect(embedder.embedded.value == Self.exampleCount)
        #expect(FileManager.default.fileExists(atPath: scratch.file.path))

        let restarted = HashingEmbedder()
        let second = try LearnedUtteranceScorer(embedder: restarted, examples: routerExamples, cache: scratch.cache())
        #expect(second.cacheReport == .init(loaded: true, rebuildReason: nil, saveError: nil))
        #expect(restarted.embedded.value == 0, "a start with unchanged inputs must not run the encoder on the training utterances")

        let uncached = try LearnedUtteranceScorer(embedder: HashingEmbedder(), examples: routerExamples)
        let expected = Self.scores(uncached)
        #expect(Self.scores(first) == expected)
        #expect(Self.scores(second) == expected, "scores from cached vectors must equal freshly computed ones bit for bit")
        #expect(Self.scores(second).allSatisfy { $0.count == 3 })
    }

    @Test func changingOneUtterance_rebuilds_thenTheNextStartLoads() throws {
        let scratch = try Scratch()
        _ = try LearnedUtteranceScorer(embedder: HashingEmbedder(), examples: routerExamples, cache: scratch.cache())
        var edited = routerExamples
        edited["coach", default: []][0] = "I feel completely drained today"
        let embedder = HashingEmbedder()
        let rebuilt = try LearnedUtteranceScorer(embedder: embedder, examples: edited, cache: scratch.cache())
        #expect(rebuilt.cacheReport?.loaded == false)
        #expect(rebuilt.cacheReport?.rebuildReason == "inputs changed")
        #expect(embedder.embedded.value == Self.exampleCount)
        #expect(Self.scores(rebuilt) == Self.scores(try LearnedUtteranceScorer(embedder: HashingEmbedder(), examples: edited)))

        let again = try LearnedUtteranceScorer(embedder: HashingEmbedder(), examples: edited, cache: scratch.cache())
        #expect(again.cacheReport?.loaded == true)
    }

    @Test func movingAnUtteranceToAnotherAgent_rebuilds() throws {
        let scratch = try Scratch()
        _ = try LearnedUtteranceScorer(embedder: HashingEmbedder(), examples: routerExamples, cache: scratch.cache())
        var relabelled = routerExamples
        let moved = relabelled["coach", default: []].removeLast()
        relabelled["insight", default: []].append(moved)
        let scorer = try LearnedUtteranceScorer(embedder: HashingEmbedder(), examples: relabelled, cache: scratch.cache())
        #expect(scorer.cacheReport?.rebuildReason == "inputs changed")
    }

    @Test func changingTheEncoder_rebuilds() throws {
        let scratch = try Scratch()
        _ = try LearnedUtteranceScorer(embedder: HashingEmbedder(), examples: routerExamples, cache: scratch.cache(encoder: "model A"))
        let embedder = HashingEmbedder()
        let scorer = try LearnedUtteranceScorer(embedder: embedder, examples: routerExamples, cache: scratch.cache(encoder: "model B"))
        #expect(scorer.cacheReport?.rebuildReason == "inputs changed")
        #expect(embedder.embedded.value == Self.exampleCount)
        // Same identity, different dimension: also a different encoder.
        let wider = try LearnedUtteranceScorer(embedder: HashingEmbedder(dimension: 48), examples: routerExamples,
                                               cache: scratch.cache(encoder: "model B"))
        #expect(wider.cacheReport?.loaded == false)
    }

    @Test(arguments: ["truncated", "flipped byte", "empty", "garbage", "wrong version"])
    func damagedCacheFile_isRebuilt_withTheSameScores(damage: String) throws {
        let scratch = try Scratch()
        _ = try LearnedUtteranceScorer(embedder: HashingEmbedder(), examples: routerExamples, cache: scratch.cache())
        var bytes = [UInt8](try Data(contentsOf: scratch.file))
        switch damage {
        case "truncated": bytes.removeLast(bytes.count / 2)
        case "flipped byte": bytes[RouterEmbeddingCache.headerSize + 5] ^= 0x40
        case "empty": bytes = []
        case "garbage": bytes = Array("not an embedding file at all, just some text".utf8)
        default: bytes[8] = 9
        }
        try Data(bytes).write(to: scratch.file)

        let embedder = HashingEmbedder()
        let scorer = try LearnedUtteranceScorer(embedder: embedder, examples: routerExamples, cache: scratch.cache())
        #expect(scorer.cacheReport?.loaded == false)
        #expect(scorer.cacheReport?.rebuildReason?.hasPrefix("corrupt") == true, "\(scorer.cacheReport as Any)")
        #expect(embedder.embedded.value == Self.exampleCount)
        #expect(Self.scores(scorer) == Self.scores(try LearnedUtteranceScorer(embedder: HashingEmbedder(), examples: routerExamples)))
        let repaired = try LearnedUtteranceScorer(embedder: HashingEmbedder(), examples: routerExamples, cache: scratch.cache())
        #expect(repaired.cacheReport?.loaded == true, "the rebuilt file is written back")
    }

    @Test func unwritableCache_stillTrains_andReportsWhy() throws {
        let scratch = try Scratch()
        let missing = RouterEmbeddingCache(url: scratch.directory.appendingPathComponent("no/such/dir/cache.bin"), encoderIdentity: "x")
        let scorer = try LearnedUtteranceScorer(embedder: HashingEmbedder(), examples: routerExamples, cache: missing)
        #expect(scorer.cacheReport?.loaded == false)
        #expect(scorer.cacheReport?.saveError != nil)
        #expect(Self.scores(scorer) == Self.scores(try LearnedUtteranceScorer(embedder: HashingEmbedder(), examples: routerExamples)))
    }

    @Test func write_replacesTheFileWhole_andLeavesNoTemporaryFile() throws {
        let scratch = try Scratch()
        _ = try LearnedUtteranceScorer(embedder: HashingEmbedder(), examples: routerExamples, cache: scratch.cache(encoder: "A"))
        _ = try LearnedUtteranceScorer(embedder: HashingEmbedder(), examples: routerExamples, cache: scratch.cache(encoder: "B"))
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.directory.path)
        #expect(names == [RouterEmbeddingCache.fileName])
        let size = try Data(contentsOf: scratch.file).count
        #expect(size == RouterEmbeddingCache.headerSize + 4 * Self.exampleCount * 32 + RouterEmbeddingCache.trailerSize)
    }
}
