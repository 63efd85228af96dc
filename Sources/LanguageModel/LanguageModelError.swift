/// Everything that can go wrong while loading or running an embedded language model.
/// Each message says what was wrong and, where there is one, what to do.
public enum LanguageModelError: Error, Equatable, CustomStringConvertible {
    /// The model file could not be opened or mapped.
    case cannotOpen(path: String, reason: String)
    /// The file does not start with the GGUF magic.
    case notGGUF(path: String)
    /// The GGUF version is not 2 or 3.
    case unsupportedVersion(UInt32)
    /// The file ends before `what` (a truncated download or a damaged file).
    case truncated(what: String)
    /// A structurally invalid field (bad type code, absurd count, misaligned offset, ...).
    case corrupt(String)
    /// `general.architecture` names an architecture this engine cannot run.
    case unsupportedArchitecture(String)
    /// A tensor is stored in a ggml type this engine cannot decode.
    case unsupportedTensorType(tensor: String, type: String)
    /// A tensor the architecture needs is absent.
    case missingTensor(String)
    /// A tensor has a shape that does not match the hyper-parameters.
    case tensorShape(tensor: String, expected: [Int], found: [Int])
    /// A required metadata key is absent or has the wrong type.
    case missingMetadata(String)
    /// The tokenizer in the file is not one this engine implements.
    case unsupportedTokenizer(String)
    /// Prompt plus requested tokens do not fit into the context window.
    case contextOverflow(tokens: Int, limit: Int)
    /// A token id outside the vocabulary was given.
    case invalidToken(Int)
    /// Pinning prefix `prefix` would take the pinned prefixes over the KV cache's memory budget.
    case cacheBudget(prefix: String, neededBytes: Int, usedBytes: Int, budgetBytes: Int)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            "cannot open model file \(path): \(reason); check the path (run the setup step to download models/)"
        case let .notGGUF(path):
            "\(path) is not a GGUF file (bad magic); give the path of a .gguf model"
        case let .unsupportedVersion(v):
            "GGUF version \(v) is not supported; only versions 2 and 3 are (re-convert with a current llama.cpp)"
        case let .truncated(what):
            "the GGUF file is truncated: it ends inside \(what); download the model again"
        case let .corrupt(what):
            "the GGUF file is corrupt: \(what); download the model again"
        case let .unsupportedArchitecture(arch):
            "model architecture '\(arch)' is not supported; use a llama or qwen2 model"
        case let .unsupportedTensorType(tensor, type):
            "tensor '\(tensor)' has type \(type), which this engine cannot decode; use a F32, F16, Q8_0, Q4_0 or Q4_1 file"
        case let .missingTensor(name):
            "the model has no tensor '\(name)'; the file is incomplete or not a supported architecture"
        case let .tensorShape(tensor, expected, found):
            "tensor '\(tensor)' has shape \(found), expected \(expected); the file does not match its own metadata"
        case let .missingMetadata(key):
            "the model lacks metadata key '\(key)' (or it has the wrong type)"
        case let .unsupportedTokenizer(what):
            "unsupported tokenizer: \(what)"
        case let .contextOverflow(tokens, limit):
            "the conversation needs \(tokens) tokens but the context holds \(limit); shorten the prompt or lower maxTokens"
        case let .invalidToken(id):
            "token id \(id) is outside the vocabulary"
        case let .cacheBudget(prefix, needed, used, budget):
            "the cached prefix '\(prefix)' needs \(needed / 1_048_576) MB of KV cache but \(used / 1_048_576) MB of the \(budget / 1_048_576) MB prefix budget is in use; raise the budget or shorten the prompt"
        }
    }
}
