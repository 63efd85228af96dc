import Foundation
import SpotterTestSupport
@testable import LanguageModel

/// `../shared/reference/llama_vectors.json` (see its README): token ids, chat renderings,
/// logits and greedy tokens computed with llama.cpp for SmolLM2-135M-Instruct Q4_1.
struct ReferenceVectors: Decodable {
    struct TokenizerCase: Decodable {
        var name: String?
        var text: String
        var ids: [Int]
        var pieces: [String]?
    }
    struct Message: Decodable {
        var role: String
        var content: String
        var chatMessage: ChatMessage { ChatMessage(role: .init(rawValue: role)!, content: content) }
    }
    struct TemplateCase: Decodable {
        var name: String
        var messages: [Message]
        var add_generation_prompt: Bool
        var rendered_text: String
        var ids: [Int]
    }
    struct LogitsCase: Decodable {
        var messages: [Message]
        var prompt_ids: [Int]
        var top10: [[Double]]
        var top10_ref: [[Double]]
        var greedy16: [Int]
    }
    struct DequantCase: Decodable {
        var tensor: String
        var type: String
        var ne: [Int]
        var tensor_data_file_offset: Int
        var row: Int
        var row_file_offset: Int
        var first_block_hex: String
        var first_block_values: [Float]
        var row_sum: Double
    }

    var tokenizer: [TokenizerCase]
    var tokenizer_extra: [TokenizerCase]
    var chat_template: [TemplateCase]
    var logits: [LogitsCase]
    var dequant: [DequantCase]

    static let shared: ReferenceVectors = {
        let url = RepositoryFiles.root.appendingPathComponent("../shared/reference/llama_vectors.json")
        guard let data = try? Data(contentsOf: url) else {
            fatalError("cannot read \(url.path): clone the repository next to shared/ (see README)")
        }
        return try! JSONDecoder().decode(ReferenceVectors.self, from: data)
    }()
}

enum RepositoryFiles {
    /// The directory holding Package.swift (the shared test support's).
    static let root: URL = SpotterTestSupport.repositoryRoot()

    static let modelPath = root.appendingPathComponent("models/SmolLM2-135M-Instruct.Q4_1.gguf").path

    /// The default model, loaded once for all tests.
    static let model: Result<LlamaModel, Error> = Result {
        guard FileManager.default.fileExists(atPath: modelPath) else {
            throw ModelMissing()
        }
        return try LlamaModel(path: modelPath, threads: 2, contextLength: 1024)
    }

    struct ModelMissing: Error, CustomStringConvertible {
        var description: String {
            "\(RepositoryFiles.modelPath) is missing: run `make setup` (scripts/setup.sh) to download the model first"
        }
    }

    static func loadModel() throws -> LlamaModel { try model.get() }

    static func loadFile() throws -> GGUFFile {
        guard FileManager.default.fileExists(atPath: modelPath) else { throw ModelMissing() }
        return try GGUFFile(path: modelPath)
    }
}
