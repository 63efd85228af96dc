/// The one error type of `TextEmbedding`: a model directory that cannot be used.
///
/// Compare with the static values to learn the kind (`error == .missingFile`); equality looks
/// only at the kind. `description` names the file (and tensor) and says what to do.
public struct TextEmbeddingError: Error, Equatable, CustomStringConvertible, Sendable {
    private enum Kind: Equatable, Sendable {
        case missingFile
        case unreadableFile
        case malformedModel
        case malformedVocabulary
    }

    private let kind: Kind
    /// What was wrong and what to do about it.
    public let message: String

    private init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.kind == rhs.kind }

    /// A model file (`model.safetensors`, `vocab.txt`) does not exist.
    public static let missingFile = Self(.missingFile, "missing file")
    /// A model file exists but could not be read.
    public static let unreadableFile = Self(.unreadableFile, "unreadable file")
    /// `model.safetensors` is not a valid safetensors file or lacks a tensor the encoder needs.
    public static let malformedModel = Self(.malformedModel, "malformed model")
    /// `vocab.txt` is not a usable WordPiece vocabulary.
    public static let malformedVocabulary = Self(.malformedVocabulary, "malformed vocabulary")

    static func missingFile(_ path: String) -> Self {
        Self(.missingFile, "\(path) does not exist; run scripts/setup.sh to download all-MiniLM-L6-v2 into models/")
    }

    static func unreadableFile(_ path: String, _ reason: String) -> Self {
        Self(.unreadableFile, "cannot read \(path): \(reason); check its permissions or download it again")
    }

    static func malformedModel(_ path: String, _ reason: String) -> Self {
        Self(.malformedModel, "\(path) is not a usable all-MiniLM-L6-v2 safetensors file: \(reason); download the model again (scripts/setup.sh)")
    }

    static func malformedModel(_ path: String, tensor: String, _ reason: String) -> Self {
        Self(.malformedModel, "\(path): tensor \"\(tensor)\" \(reason); download the model again (scripts/setup.sh)")
    }

    static func malformedVocabulary(_ path: String, _ reason: String) -> Self {
        Self(.malformedVocabulary, "\(path) is not a usable WordPiece vocabulary: \(reason); download the model again (scripts/setup.sh)")
    }
}
