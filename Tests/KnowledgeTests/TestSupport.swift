import Foundation
import SpotterTestSupport
@testable import Knowledge

/// The repository root (`SpotterTestSupport`).
let repositoryRoot: URL = SpotterTestSupport.repositoryRoot()

let knowledgeDirectory = repositoryRoot.appendingPathComponent("knowledge")
let freeExerciseDBFile = repositoryRoot.appendingPathComponent("../shared/data/free-exercise-db/exercises.json").standardized
let hevySampleFile = repositoryRoot.appendingPathComponent("../shared/data/logs/hevy_export_sample.csv").standardized
let retrievalSuiteFile = repositoryRoot.appendingPathComponent("evals/retrieval.yaml")

/// The real knowledge base, loaded once per test process.
let realKnowledgeBase: KnowledgeBase = try! KnowledgeBase.load(directory: knowledgeDirectory)

/// Test double: a deterministic hashed bag of (crudely stemmed) words, L2-normalised.
/// Cosine between two texts is then their weighted word overlap, which is enough to exercise
/// the dense and hybrid paths without the real encoder.
struct HashingEmbedder: TextEmbedder {
    var dimension = 384
    var identity = "hashing-bag-of-words-v1"
    var embedderIdentity: String { identity }

    func embed(_ texts: [String]) throws -> [[Float]] {
        texts.map { text in
            var v = [Float](repeating: 0, count: dimension)
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
                var w = String(word)
                if w.count > 3, w.hasSuffix("s") { w.removeLast() }
                if FTSPattern.stopWords.contains(w) { continue }
                v[Int(fnv1a(w) % UInt64(dimension))] += 1
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? v.map { $0 / norm } : v
        }
    }

    private func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }
}

/// Test double that counts how many texts it embedded (to see whether an index rebuilt).
final class CountingEmbedder: TextEmbedder, @unchecked Sendable {
    let inner = HashingEmbedder()
    private let lock = NSLock()
    private var _count = 0
    var dimension: Int { inner.dimension }
    var embedderIdentity: String { inner.embedderIdentity }
    var count: Int { lock.withLock { _count } }
    func embed(_ texts: [String]) throws -> [[Float]] {
        lock.withLock { _count += texts.count }
        return try inner.embed(texts)
    }
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("spotter-knowledge-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A copy of knowledge/ in a temporary directory, for tests that edit files.
func copyOfKnowledge() throws -> URL {
    let dir = try temporaryDirectory()
    let copy = dir.appendingPathComponent("knowledge")
    try FileManager.default.copyItem(at: knowledgeDirectory, to: copy)
    return copy
}
