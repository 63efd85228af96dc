import Foundation
import SpotterTestSupport
@testable import TextEmbedding

/// Files the tests read, found relative to the repository root (the directory holding
/// `Package.swift`, walking up from this file), never by absolute path.
enum Fixtures {
    static let repositoryRoot: URL = SpotterTestSupport.repositoryRoot()

    /// `models/all-MiniLM-L6-v2` (filled by scripts/setup.sh).
    static let modelDirectory = repositoryRoot.appendingPathComponent("models/all-MiniLM-L6-v2")

    /// `../shared/reference/minilm_vectors.json`, decoded once.
    static let vectors: ReferenceVectors = {
        let url = repositoryRoot.appendingPathComponent("../shared/reference/minilm_vectors.json")
        do {
            return try JSONDecoder().decode(ReferenceVectors.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()

    /// One encoder shared by the tests (loading copies 90 MB of weights).
    static let encoder: Result<SentenceEncoder, any Error> = Result {
        try SentenceEncoder(modelDirectory: modelDirectory.path)
    }

    static let tokenizer: Result<WordPieceTokenizer, any Error> = Result {
        try WordPieceTokenizer(vocabularyPath: modelDirectory.appendingPathComponent("vocab.txt").path)
    }

    /// A fresh empty directory under the system temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("spotter-embedding-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The parts of `minilm_vectors.json` the tests use (format: ../shared/reference/README.md).
struct ReferenceVectors: Decodable {
    struct Sentence: Decodable {
        let text: String
        let ids: [Int]
        let embedding: [Double]
    }
    struct TokenizerCase: Decodable {
        let name: String?
        let text: String
        let ids: [Int]
    }
    let sentences: [Sentence]
    let cosine_matrix: [[Double]]
    let tokenizer_cases: [TokenizerCase]
    let tokenizer_extra: [TokenizerCase]
}
