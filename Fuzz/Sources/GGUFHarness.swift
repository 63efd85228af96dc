@testable import LanguageModel

/// The GGUF reader (`GGUFFile`): header, metadata, tensor table and bounds; then what loading a
/// model does with them: the configuration, the tokenizer, the chat template, and a view of every
/// tensor (its first row dequantized, which reads the bytes the bounds check vouched for).
enum GGUFHarness {
    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let file = try? GGUFFile(path: ScratchFile.write(bytes)) else { return }
        _ = try? LlamaConfiguration(file: file)
        _ = try? BPETokenizer(file: file)
        _ = try? ChatTemplate(file: file)
        for name in file.tensorNames {
            guard let matrix = try? file.matrix(name), matrix.rows > 0 else { continue }
            _ = matrix.dequantizedRow(0)
            _ = matrix.dequantizedRow(matrix.rows - 1)
        }
    }
}
